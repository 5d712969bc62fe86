package io.tollgate.notification.service;

import static io.tollgate.notification.Events.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.eventing.CloudEvent;
import io.tollgate.notification.Events;
import io.tollgate.notification.model.Audience;
import io.tollgate.notification.service.Messages.ProjectName;
import io.tollgate.notification.service.Messages.Text;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a notification says, for a business and a technical reader. */
class MessagesTest {

  private static final String PROJECT = "3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11";
  private static final UUID MILESTONE = UUID.fromString("6e1d2c3b-4a5f-4e6d-8c7b-9a0f1e2d3c4b");
  private static final ProjectName APOLLO = new ProjectName("APO", "Apollo");

  private static CloudEvent milestone(String type, String status, String extra) {
    return parse(
        Events.milestone(
            "00000000-0000-4000-8000-000000000001",
            type,
            PROJECT,
            MILESTONE,
            "Security audit",
            status,
            extra));
  }

  private static Text business(CloudEvent event) {
    return Messages.of(event, APOLLO, Audience.BUSINESS);
  }

  private static Text technical(CloudEvent event) {
    return Messages.of(event, APOLLO, Audience.TECHNICAL);
  }

  @Test
  void aLateMilestoneSaysHowLateInDaysWithItsForecast() {
    // planned 2027-03-01 + 5 days of buffer = due 2027-03-06; published 2027-03-12
    Text text =
        business(
            milestone("tollgate.milestone.updated.v1", "LATE", ",\"forecastDate\":\"2027-03-12\""));
    assertEquals("Security audit of Apollo is 6 days late", text.title());
    assertEquals(
        "Security audit of Apollo is now 6 days late (forecast 2027-03-12).", text.message());
  }

  @Test
  void aMilestoneWithoutForecastOrDatesLeavesThemOut() {
    Text text =
        business(
            parse(
                "{\"id\":\"e\",\"type\":\"tollgate.milestone.updated.v1\",\"data\":"
                    + "{\"name\":\"Go-live\",\"status\":\"LATE\"}}"));
    assertEquals("Go-live of Apollo is late", text.title());
    assertEquals("Go-live of Apollo is now late.", text.message());
  }

  @Test
  void milestoneZonesAndLifecycleInPlainWords() {
    assertEquals(
        "Security audit of Apollo is off track",
        business(
                milestone(
                    "tollgate.milestone.updated.v1", "IN_PROGRESS", ",\"zone\":\"OFF_TRACK\""))
            .title());
    assertEquals(
        "Security audit of Apollo has used a third or more of its buffer (forecast 2027-03-04).",
        business(
                milestone(
                    "tollgate.milestone.updated.v1",
                    "PLANNED",
                    ",\"zone\":\"AT_RISK\",\"forecastDate\":\"2027-03-04\""))
            .message());
    Text created = business(milestone("tollgate.milestone.created.v1", "PLANNED", null));
    assertEquals("New milestone on Apollo: Security audit", created.title());
    assertEquals(
        "Security audit of Apollo is planned for 2027-03-01 with 5 days of buffer.",
        created.message());
    assertEquals(
        "Security audit of Apollo was completed on 2027-03-10 (planned for 2027-03-01).",
        business(
                milestone(
                    "tollgate.milestone.completed.v1",
                    "COMPLETED",
                    ",\"actualDate\":\"2027-03-10\""))
            .message());
    assertEquals(
        "Security audit of Apollo was removed",
        business(milestone("tollgate.milestone.deleted.v1", "PLANNED", null)).title());
  }

  @Test
  void aRiskSaysItsTitleProjectAndLevel() {
    CloudEvent event =
        parse(
            Events.risk(
                "00000000-0000-4000-8000-000000000002",
                "tollgate.risk.assessed.v1",
                PROJECT,
                UUID.randomUUID(),
                "Vendor delay",
                "CRITICAL"));
    Text text = business(event);
    assertEquals("Risk 'Vendor delay' on Apollo is now CRITICAL", text.title());
    assertEquals(
        "Risk 'Vendor delay' on Apollo is now CRITICAL: probability 4 of 5, impact 5 of 5,"
            + " category VENDOR.",
        text.message());
    assertEquals(
        "Risk 'Vendor delay' on Apollo is closed",
        business(
                parse(
                    Events.risk(
                        "00000000-0000-4000-8000-000000000003",
                        "tollgate.risk.closed.v1",
                        PROJECT,
                        UUID.randomUUID(),
                        "Vendor delay",
                        "CRITICAL")))
            .title());
  }

  @Test
  void healthSaysTheNewRatingAndItsReasons() {
    Text text =
        business(
            parse(
                Events.health(
                    "00000000-0000-4000-8000-000000000004",
                    PROJECT,
                    "AMBER",
                    "RED",
                    "Security audit is 6 days late",
                    "Risk 'Vendor delay' is CRITICAL")));
    assertEquals("Apollo's health turned RED", text.title());
    assertEquals(
        "Apollo's health turned RED (was AMBER): Security audit is 6 days late; Risk 'Vendor"
            + " delay' is CRITICAL.",
        text.message());
    assertEquals(
        "Apollo's health is GREEN again",
        business(
                parse(
                    Events.health("00000000-0000-4000-8000-000000000005", PROJECT, "RED", "GREEN")))
            .title());
  }

  @Test
  void anOverriddenGateNamesWhoAndWhatWasNotMet() {
    Text text =
        business(
            parse(Events.phaseChanged("00000000-0000-4000-8000-000000000006", PROJECT, "root")));
    assertEquals("Apollo moved to DEPLOYMENT (gates overridden)", text.title());
    assertEquals(
        "Apollo moved from TESTING to DEPLOYMENT: Release 1.0. The phase gates were overridden by"
            + " root: Audit signed off on paper. Not met: Security audit is not completed.",
        text.message());
  }

  @Test
  void moneyIsShownWithItsCurrency() {
    CloudEvent cost =
        parse(
            "{\"id\":\"e7\",\"type\":\"tollgate.project.cost-recorded.v1\",\"data\":{\"projectId\":"
                + "\""
                + PROJECT
                + "\",\"name\":\"Apollo\",\"cost\":{\"date\":\"2027-03-01\",\"amount\":"
                + "{\"amount\":\"12500.00\",\"currency\":\"EUR\"},\"category\":\"VENDOR\"}}}");
    Text text = business(cost);
    assertEquals("Cost recorded on Apollo: 12,500.00 EUR", text.title());
    assertEquals(
        "A vendor cost of 12,500.00 EUR dated 2027-03-01 was recorded on Apollo.", text.message());
  }

  @Test
  void theProjectNameComesFromTheDirectoryWhenTheEventLacksIt() {
    CloudEvent event = milestone("tollgate.milestone.updated.v1", "LATE", null);
    assertTrue(
        Messages.of(event, new ProjectName("APO", null), Audience.BUSINESS)
            .title()
            .startsWith("Security audit of project APO is"));
    assertTrue(
        Messages.of(event, ProjectName.UNKNOWN, Audience.BUSINESS)
            .title()
            .startsWith("Security audit of a project is"));
  }

  @Test
  void technicalReadersGetTheTypeIdsAndKeyFields() {
    CloudEvent event =
        milestone(
            "tollgate.milestone.updated.v1",
            "LATE",
            ",\"zone\":\"OFF_TRACK\",\"forecastDate\":\"2027-03-12\"");
    Text text = technical(event);
    assertEquals(
        "tollgate.milestone.updated.v1 " + MILESTONE + " [APO] status=LATE zone=OFF_TRACK",
        text.title());
    assertTrue(
        text.message()
            .startsWith(
                "type=tollgate.milestone.updated.v1; id=00000000-0000-4000-8000-000000000001;"
                    + " subject="
                    + MILESTONE
                    + "; projectId="
                    + PROJECT
                    + "; projectKey=APO; time=2027-03-12T09:00:00Z; status=LATE;"
                    + " zone=OFF_TRACK; plannedDate=2027-03-01; bufferDays=5;"
                    + " forecastDate=2027-03-12; version=3; milestoneId="
                    + MILESTONE),
        text.message());
    assertFalse(text.message().contains("days late"));
  }

  @Test
  void anyOtherTypeGetsAGenericText() {
    CloudEvent event =
        parse(
            "{\"id\":\"e8\",\"type\":\"tollgate.project.kpi-measured.v1\",\"time\":"
                + "\"2027-03-12T09:00:00Z\",\"data\":{\"projectId\":\""
                + PROJECT
                + "\",\"name\":\"Apollo\",\"kpi\":{\"name\":\"Uptime\"}}}");
    Text text = business(event);
    assertEquals("Project kpi measured on Apollo", text.title());
    assertEquals("Project kpi measured on Apollo at 2027-03-12T09:00:00Z.", text.message());
    assertTrue(technical(event).title().startsWith("tollgate.project.kpi-measured.v1"));
  }

  @Test
  void titlesAndMessagesFitTheirColumns() {
    String longName = "x".repeat(250);
    CloudEvent event =
        parse(
            Events.health(
                "00000000-0000-4000-8000-000000000009",
                PROJECT,
                "AMBER",
                "RED",
                "r".repeat(1500),
                "s".repeat(1500)));
    Text text = Messages.of(event, new ProjectName("APO", longName), Audience.BUSINESS);
    assertTrue(text.title().length() <= Messages.MAX_TITLE);
    assertEquals(Messages.MAX_MESSAGE, text.message().length());
    assertTrue(text.message().endsWith("…"));
  }
}
