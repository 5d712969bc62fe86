package io.tollgate.risk.model;

/** OPEN while it threatens the project; CLOSED with a reason, until it is re-opened. */
public enum RiskStatus {
  OPEN,
  CLOSED
}
