package io.tollgate.security;

/** A person's access to one project, weakest first. */
public enum AccessRole {
  VIEWER,
  EDITOR,
  OWNER;

  public boolean atLeast(AccessRole other) {
    return compareTo(other) >= 0;
  }
}
