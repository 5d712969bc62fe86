package io.tollgate.risk.model;

/** The response chosen for a risk. */
public enum RiskStrategy {
  AVOID,
  MITIGATE,
  TRANSFER,
  ACCEPT,
  ESCALATE
}
