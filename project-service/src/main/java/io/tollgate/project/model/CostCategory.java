package io.tollgate.project.model;

/** What a cost was for. */
public enum CostCategory {
  LABOR,
  LICENSING,
  INFRASTRUCTURE,
  VENDOR,
  MAINTENANCE,
  OTHER
}
