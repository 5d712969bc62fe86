package io.tollgate.notification.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.eventing.CloudEvent;
import io.tollgate.notification.model.Severity;

/**
 * How much an event matters (ADR 0026), the same for every channel, read from the producers'
 * contracts: a health change to RED, a risk assessed CRITICAL, a milestone LATE or OFF_TRACK are
 * CRITICAL; AMBER health, a HIGH risk, an AT_RISK milestone and a gate overridden on a phase change
 * are WARNING; everything else is INFO. project-service publishes no event for a refused transition
 * (nothing changed), so no rule reads one. Fields are read tolerantly: a missing or unknown value
 * counts as INFO.
 */
public final class Severities {

  static final String HEALTH_CHANGED = "tollgate.project.health-changed.v1";
  static final String PHASE_CHANGED = "tollgate.project.phase-changed.v1";
  static final String RISK_ASSESSED = "tollgate.risk.assessed.v1";
  static final String MILESTONE_CREATED = "tollgate.milestone.created.v1";
  static final String MILESTONE_UPDATED = "tollgate.milestone.updated.v1";

  private Severities() {}

  public static Severity of(CloudEvent event) {
    return of(event.type(), event.data());
  }

  public static Severity of(String type, JsonNode data) {
    JsonNode d =
        data == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : data;
    switch (type) {
      case HEALTH_CHANGED:
        return switch (d.path("rating").asText()) {
          case "RED" -> Severity.CRITICAL;
          case "AMBER" -> Severity.WARNING;
          default -> Severity.INFO;
        };
      case PHASE_CHANGED:
        // present only when an ADMIN let unmet gate criteria pass
        return d.path("override").isObject() ? Severity.WARNING : Severity.INFO;
      case RISK_ASSESSED:
        return switch (d.path("level").asText()) {
          case "CRITICAL" -> Severity.CRITICAL;
          case "HIGH" -> Severity.WARNING;
          default -> Severity.INFO;
        };
      case MILESTONE_CREATED:
      case MILESTONE_UPDATED:
        // an open milestone's state; a completed or deleted one no longer threatens the plan
        if ("COMPLETED".equals(d.path("status").asText())) {
          return Severity.INFO;
        }
        if ("LATE".equals(d.path("status").asText())
            || "OFF_TRACK".equals(d.path("zone").asText())) {
          return Severity.CRITICAL;
        }
        return "AT_RISK".equals(d.path("zone").asText()) ? Severity.WARNING : Severity.INFO;
      default:
        return Severity.INFO;
    }
  }
}
