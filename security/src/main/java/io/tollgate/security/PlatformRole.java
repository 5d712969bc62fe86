package io.tollgate.security;

/** Platform-wide roles, from the token's {@code groups} claim. */
public enum PlatformRole {
  /** Administers the platform; sees every project and may override gates. */
  ADMIN,
  /** Portfolio office; reads every project. */
  PMO,
  /** Everyone else; sees the projects they are a member of. */
  MEMBER
}
