package io.tollgate.notification.model;

/** How much an event matters; a subscription receives events at or above its minimum. */
public enum Severity {
  INFO,
  WARNING,
  CRITICAL;

  /** Whether an event of this severity reaches a subscription asking for {@code minimum}. */
  public boolean reaches(Severity minimum) {
    return compareTo(minimum) >= 0;
  }
}
