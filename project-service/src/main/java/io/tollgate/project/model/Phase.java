package io.tollgate.project.model;

/** The lifecycle phases of an IT project, in order. */
public enum Phase {
  INITIATION,
  PLANNING,
  EXECUTION,
  TESTING,
  DEPLOYMENT,
  MAINTENANCE,
  CLOSED
}
