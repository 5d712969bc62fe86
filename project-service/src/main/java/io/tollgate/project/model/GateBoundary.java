package io.tollgate.project.model;

/** Whether a gate rule guards leaving a phase or entering it. */
public enum GateBoundary {
  EXIT,
  ENTRY
}
