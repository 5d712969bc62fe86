package io.tollgate.project.model;

/** What a gate rule checks, from what project-service knows through events. */
public enum GateCriterion {
  /** At least one (not deleted) milestone. */
  MILESTONE_PLANNED,
  /** The project has a budget. */
  BUDGET_SET,
  /** Every milestone of the kinds named by the parameter (comma-separated) is COMPLETED. */
  MILESTONES_COMPLETED,
  /** No open risk has one of the levels named by the parameter (comma-separated). */
  NO_OPEN_RISK,
  /** Every milestone is COMPLETED. */
  NO_OPEN_MILESTONE
}
