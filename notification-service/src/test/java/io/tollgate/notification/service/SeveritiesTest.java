package io.tollgate.notification.service;

import static io.tollgate.notification.Events.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tollgate.notification.Events;
import io.tollgate.notification.model.Severity;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every severity rule of ADR 0026, on events the producers' contracts accept. */
class SeveritiesTest {

  private static final String PROJECT = UUID.randomUUID().toString();

  private static Severity milestone(String type, String status, String extra) {
    return Severities.of(
        parse(
            Events.milestone(
                UUID.randomUUID().toString(),
                type,
                PROJECT,
                UUID.randomUUID(),
                "Security audit",
                status,
                extra)));
  }

  private static Severity risk(String type, String level) {
    return Severities.of(
        parse(
            Events.risk(
                UUID.randomUUID().toString(), type, PROJECT, UUID.randomUUID(), "R", level)));
  }

  private static Severity health(String previous, String rating) {
    return Severities.of(
        parse(Events.health(UUID.randomUUID().toString(), PROJECT, previous, rating, "why")));
  }

  @Test
  void healthTurningRedIsCriticalAmberAWarningGreenInfo() {
    assertEquals(Severity.CRITICAL, health("AMBER", "RED"));
    assertEquals(Severity.CRITICAL, health("RED", "RED"));
    assertEquals(Severity.WARNING, health("GREEN", "AMBER"));
    assertEquals(Severity.WARNING, health("RED", "AMBER"));
    assertEquals(Severity.INFO, health("RED", "GREEN"));
  }

  @Test
  void aRiskAssessedCriticalIsCriticalHighAWarningTheRestInfo() {
    assertEquals(Severity.CRITICAL, risk("tollgate.risk.assessed.v1", "CRITICAL"));
    assertEquals(Severity.WARNING, risk("tollgate.risk.assessed.v1", "HIGH"));
    assertEquals(Severity.INFO, risk("tollgate.risk.assessed.v1", "MEDIUM"));
    assertEquals(Severity.INFO, risk("tollgate.risk.assessed.v1", "LOW"));
    // closing a critical risk is good news
    assertEquals(Severity.INFO, risk("tollgate.risk.closed.v1", "CRITICAL"));
  }

  @Test
  void aLateOrOffTrackMilestoneIsCriticalAtRiskAWarning() {
    String updated = "tollgate.milestone.updated.v1";
    assertEquals(Severity.CRITICAL, milestone(updated, "LATE", null));
    assertEquals(Severity.CRITICAL, milestone(updated, "LATE", ",\"zone\":\"ON_TRACK\""));
    assertEquals(Severity.CRITICAL, milestone(updated, "IN_PROGRESS", ",\"zone\":\"OFF_TRACK\""));
    assertEquals(
        Severity.CRITICAL,
        milestone("tollgate.milestone.created.v1", "PLANNED", ",\"zone\":\"OFF_TRACK\""));
    assertEquals(Severity.WARNING, milestone(updated, "PLANNED", ",\"zone\":\"AT_RISK\""));
    assertEquals(Severity.INFO, milestone(updated, "PLANNED", ",\"zone\":\"ON_TRACK\""));
    assertEquals(Severity.INFO, milestone(updated, "IN_PROGRESS", null));
    // a zone the reader does not know yet counts as on track (the contract says so)
    assertEquals(
        Severity.INFO,
        Severities.of(
            "tollgate.milestone.updated.v1",
            parse(
                    "{\"id\":\"1\",\"type\":\"t\",\"data\":{\"status\":\"PLANNED\",\"zone\":\"NEW\"}}")
                .data()));
  }

  @Test
  void aCompletedOrDeletedMilestoneIsInfoWhateverItWas() {
    assertEquals(
        Severity.INFO,
        milestone(
            "tollgate.milestone.completed.v1",
            "COMPLETED",
            ",\"actualDate\":\"2027-03-10\",\"zone\":\"OFF_TRACK\""));
    assertEquals(
        Severity.INFO,
        milestone("tollgate.milestone.deleted.v1", "LATE", ",\"zone\":\"OFF_TRACK\""));
  }

  @Test
  void anOverriddenGateIsAWarningAnOrdinaryPhaseChangeInfo() {
    String id = UUID.randomUUID().toString();
    assertEquals(Severity.WARNING, Severities.of(parse(Events.phaseChanged(id, PROJECT, "root"))));
    assertEquals(Severity.INFO, Severities.of(parse(Events.phaseChanged(id, PROJECT, null))));
  }

  @Test
  void everythingElseAndAnythingUnreadableIsInfo() {
    assertEquals(Severity.INFO, Severities.of("tollgate.project.created.v1", null));
    assertEquals(Severity.INFO, Severities.of("tollgate.risk.assessed.v1", null));
    assertEquals(Severity.INFO, Severities.of("tollgate.kpi.something.v1", null));
    assertEquals(
        Severity.INFO,
        Severities.of(
            "tollgate.project.health-changed.v1",
            parse("{\"id\":\"1\",\"type\":\"t\",\"data\":{\"rating\":7}}").data()));
  }
}
