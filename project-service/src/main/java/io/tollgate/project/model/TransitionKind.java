package io.tollgate.project.model;

/** What a phase transition does; ADVANCE and REWORK pass through gates. */
public enum TransitionKind {
  /** To the next lifecycle phase. */
  ADVANCE,
  /** Back to an earlier lifecycle phase, e.g. to rework a failed test phase. */
  REWORK,
  /** Into ON_HOLD. */
  HOLD,
  /** From ON_HOLD back into the phase it was held in. */
  RESUME,
  /** Into CANCELLED. */
  CANCEL
}
