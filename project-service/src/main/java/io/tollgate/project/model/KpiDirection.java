package io.tollgate.project.model;

/** Which way a KPI should move. */
public enum KpiDirection {
  /** Uptime, adoption: a value at or above the target meets it. */
  HIGHER_IS_BETTER,
  /** Support tickets, incidents: a value at or below the target meets it. */
  LOWER_IS_BETTER
}
