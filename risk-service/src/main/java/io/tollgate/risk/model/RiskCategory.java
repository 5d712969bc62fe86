package io.tollgate.risk.model;

/** What a risk threatens (DESIGN.md "Risks"). */
public enum RiskCategory {
  TECHNICAL,
  SECURITY,
  COMPLIANCE,
  SCHEDULE,
  BUDGET,
  RESOURCE,
  VENDOR,
  INTEGRATION,
  OPERATIONAL
}
