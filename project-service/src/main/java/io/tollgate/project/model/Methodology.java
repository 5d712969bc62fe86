package io.tollgate.project.model;

/** How a project is run; gate rules may differ per methodology. */
public enum Methodology {
  AGILE,
  WATERFALL,
  HYBRID
}
