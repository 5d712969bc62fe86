package io.tollgate.project.model;

/**
 * Where a project is: one of the lifecycle phases, in order, or ON_HOLD / CANCELLED beside them.
 */
public enum Phase {
  INITIATION,
  PLANNING,
  EXECUTION,
  TESTING,
  DEPLOYMENT,
  MAINTENANCE,
  CLOSED,
  /** Paused; it resumes into the phase it was held in. */
  ON_HOLD,
  /** Stopped for good. */
  CANCELLED;

  /** Whether this is one of the ordered lifecycle phases (not ON_HOLD or CANCELLED). */
  public boolean isLifecycle() {
    return this != ON_HOLD && this != CANCELLED;
  }

  /** Whether nothing can follow: CLOSED or CANCELLED. */
  public boolean isTerminal() {
    return this == CLOSED || this == CANCELLED;
  }

  /** The lifecycle phase after this one, or {@code null} for CLOSED and the side states. */
  public Phase next() {
    if (!isLifecycle() || this == CLOSED) {
      return null;
    }
    return values()[ordinal() + 1];
  }
}
