package io.tollgate.milestone.model;

/**
 * Where a milestone stands: COMPLETED once it has an actual date; LATE when its planned date plus
 * its buffer has passed without that; otherwise IN_PROGRESS once work has started, else PLANNED.
 */
public enum MilestoneStatus {
  PLANNED,
  IN_PROGRESS,
  LATE,
  COMPLETED
}
