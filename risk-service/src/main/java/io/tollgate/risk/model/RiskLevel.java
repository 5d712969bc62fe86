package io.tollgate.risk.model;

/** A score's band in the 5x5 matrix, lowest first. */
public enum RiskLevel {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL
}
