package io.tollgate.project.model;

/**
 * The part a stakeholder plays; notifications speak to business and technical roles differently.
 */
public enum StakeholderRole {
  SPONSOR,
  PROJECT_MANAGER,
  ENGINEERING,
  BUSINESS,
  QA,
  SECURITY,
  OPERATIONS,
  VENDOR
}
