package io.tollgate.milestone.model;

/** What a milestone marks in an IT project's lifecycle; the gates look for some of them by kind. */
public enum MilestoneKind {
  REQUIREMENTS_SIGNOFF,
  DESIGN_REVIEW,
  CODE_FREEZE,
  INTEGRATION_TESTING,
  SECURITY_AUDIT,
  USER_ACCEPTANCE_TESTING,
  DEPLOYMENT_WINDOW,
  GO_LIVE,
  SPRINT_REVIEW,
  CUSTOM
}
