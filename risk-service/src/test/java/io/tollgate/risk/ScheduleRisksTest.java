package io.tollgate.risk;

import static io.restassured.RestAssured.given;
import static io.tollgate.risk.RiskApiTest.close;
import static io.tollgate.risk.RiskApiTest.patch;
import static io.tollgate.risk.RiskApiTest.today;
import static io.tollgate.testing.ProducedEvents.about;
import static io.tollgate.testing.ProducedEvents.json;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tollgate.testing.EventCollector;
import io.tollgate.testing.EventPublisher;
import io.tollgate.testing.JsonSchemas;
import io.tollgate.testing.ProjectDirectoryEvents;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A milestone that eats its buffer raises, escalates and closes a SCHEDULE risk (ADR 0028), fed by
 * milestone events as milestone-service publishes them on the real broker (each checked against the
 * schema milestone-service ships).
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "risk"))
class ScheduleRisksTest {

  private static final ProjectDirectoryEvents directory = new ProjectDirectoryEvents("risk");

  static final String MILESTONE_SCHEMA =
      "contracts/milestone-service/schemas/milestone-event.v1.json";
  static final String DLQ = "milestone.events.risk-service.dlq";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Map<String, String> HEADERS =
      Map.of("content-type", "application/cloudevents+json");
  private static EventPublisher publisher;

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  @AfterAll
  static void closePublisher() {
    if (publisher != null) {
      publisher.close();
      publisher = null;
    }
  }

  private static synchronized EventPublisher publisher() {
    if (publisher == null) {
      publisher = EventPublisher.create();
    }
    return publisher;
  }

  /** A milestone of a project planned 10 days from today with a buffer of 10 days. */
  static final class Milestone {
    final String project;
    final String id = UUID.randomUUID().toString();
    final String name;
    final LocalDate planned = today().plusDays(10);
    final int buffer = 10;

    Milestone(String project, String name) {
      this.project = project;
      this.name = name;
    }

    /** The planned date plus the buffer. */
    LocalDate due() {
      return planned.plusDays(buffer);
    }

    /**
     * The event as milestone-service's outbox writes it, forecast {@code slip} days after the
     * planned date, written now; checked against milestone-service's schema.
     */
    String event(String type, long version, String status, int slip, String zone) {
      return event(type, version, status, slip, zone, OffsetDateTime.now(ZoneOffset.UTC));
    }

    String event(
        String type, long version, String status, int slip, String zone, OffsetDateTime time) {
      String completed =
          "COMPLETED".equals(status)
              ? ",\"actualDate\":\"" + planned.plusDays(slip) + "\""
              : ",\"forecastDate\":\"" + planned.plusDays(slip) + "\"";
      String json =
          """
          {"specversion":"1.0","id":"%s","source":"/milestone-service",
           "type":"tollgate.milestone.%s.v1","subject":"%s","time":"%s",
           "datacontenttype":"application/json",
           "data":{"milestoneId":"%s","projectId":"%s","name":"%s","kind":"GO_LIVE",
           "status":"%s","plannedDate":"%s","bufferDays":%d%s,"zone":"%s",
           "plannedValue":"25000.00","version":%d}}"""
              .formatted(
                  UUID.randomUUID(),
                  type,
                  id,
                  time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                  id,
                  project,
                  name,
                  status,
                  planned,
                  buffer,
                  completed,
                  zone,
                  version);
      JsonSchemas.assertValid(MILESTONE_SCHEMA, json);
      return json;
    }

    /** Publishes the event and waits until risk-service has processed it; the event. */
    String publish(String type, long version, String status, int slip, String zone) {
      return ScheduleRisksTest.publish(project, event(type, version, status, slip, zone));
    }
  }

  static void send(String projectId, String json) {
    publisher().send("milestone.events", projectId, json, HEADERS);
  }

  static String publish(String projectId, String json) {
    send(projectId, json);
    String eventId = field(json, "id");
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                "1"
                    .equals(
                        directory.query(
                            "select count(*) from inbox_event where event_id = ?", eventId)));
    return json;
  }

  private static String field(String json, String name) {
    int at = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
    return json.substring(at, json.indexOf('"', at));
  }

  /** The project's SCHEDULE risks, highest score first. */
  static JsonPath scheduleRisks(String project) {
    return given()
        .queryParam("projectId", project)
        .queryParam("category", "SCHEDULE")
        .get(RiskApiTest.URL)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  static List<String> riskIds(String project, Milestone m) {
    return scheduleRisks(project)
        .getList("items.findAll { it.raisedByMilestoneId == '" + m.id + "' }.id");
  }

  static JsonPath risk(String id) {
    return given().get(RiskApiTest.URL + "/" + id).then().statusCode(200).extract().jsonPath();
  }

  static JsonPath assessments(String id) {
    return given()
        .get(RiskApiTest.URL + "/" + id + "/assessments")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static List<ConsumerRecord<String, String>> eventsOf(
      EventCollector events, String riskId) {
    return events.records().stream().filter(r -> about(r, riskId)).toList();
  }

  /**
   * Go-live planned in 10 days with 10 days of buffer is forecast 18 days late: 8 beyond its
   * buffer. One open SCHEDULE risk (probability 4, impact 4: 8 of 10 buffer days overrun), the
   * system's, linked to it, and one assessed event; the event again, or replayed under a new id at
   * the same version, raises nothing more.
   */
  @Test
  void aMilestoneBeyondItsBufferRaisesOneScheduleRisk() throws Exception {
    try (EventCollector events = EventCollector.fromEnd("risk.events")) {
      String project = directory.project("alice");
      Milestone m = new Milestone(project, "Go-live");
      m.publish("created", 0, "PLANNED", 0, "ON_TRACK");
      m.publish("updated", 1, "IN_PROGRESS", 5, "AT_RISK");
      assertEquals(List.of(), riskIds(project, m), "within its buffer: no risk");
      String offTrack = m.publish("updated", 2, "IN_PROGRESS", 18, "OFF_TRACK");

      List<String> ids = riskIds(project, m);
      assertEquals(1, ids.size());
      String id = ids.get(0);
      JsonPath r = risk(id);
      assertEquals("Go-live has used its buffer", r.getString("title"));
      assertEquals("SCHEDULE", r.getString("category"));
      assertEquals(4, r.getInt("probability"));
      assertEquals(4, r.getInt("impact"));
      assertEquals(16, r.getInt("score"));
      assertEquals("CRITICAL", r.getString("level"));
      assertEquals(8, r.getInt("scheduleImpactDays"));
      assertEquals(List.of(m.id), r.getList("milestoneIds"));
      assertEquals("OPEN", r.getString("status"));
      assertNull(r.get("owner"));
      assertNull(r.get("strategy"));
      assertEquals(true, r.getBoolean("automatic"));
      assertEquals(m.id, r.getString("raisedByMilestoneId"));
      assertTrue(
          r.getString("description").contains("8 days beyond its buffer"),
          r.getString("description"));
      assertTrue(r.getString("description").contains(m.due().toString()));
      JsonPath history = assessments(id);
      assertEquals(1, history.getList("items").size());
      assertEquals("tollgate", history.getString("items[0].assessedBy"));
      assertNull(history.get("items[0].apiKeyId"));
      assertEquals(
          "identified: milestone Go-live is 8 days beyond its buffer",
          history.getString("items[0].reason"));

      // redelivered, and replayed under a new event id at the same version
      send(project, offTrack);
      publish(project, offTrack.replace(field(offTrack, "id"), UUID.randomUUID().toString()));
      // a later event of the project (same key, same partition) comes after both
      Milestone marker = new Milestone(project, "Marker");
      marker.publish("created", 0, "IN_PROGRESS", 30, "OFF_TRACK");
      String markerRisk = riskIds(project, marker).get(0);
      events.awaitRecord(e -> about(e, markerRisk), WAIT);

      assertEquals(List.of(id), riskIds(project, m));
      assertEquals(0, risk(id).getInt("version"));
      List<ConsumerRecord<String, String>> mine = eventsOf(events, id);
      assertEquals(1, mine.size());
      assertEquals("tollgate.risk.assessed.v1", json(mine.get(0)).path("type").asText());
      JsonNode data = RiskEventsTest.checked(mine.get(0), project, id);
      assertEquals("SCHEDULE", data.path("category").asText());
      assertEquals(16, data.path("score").asInt());
      assertEquals(8, data.path("scheduleImpactDays").asInt());
      assertEquals(m.id, data.path("milestoneIds").path(0).asText());
      assertEquals(0, data.path("version").asLong());
    }
  }

  /**
   * 2 days beyond the buffer (4 x 2: MEDIUM), then 6 (4 x 4: CRITICAL), then 4 (better: nothing),
   * then LATE 9 days after its buffer ran out (5 x 4): one risk, re-assessed each time it got
   * worse, with why.
   */
  @Test
  void aFurtherSlipEscalatesTheSameRisk() throws Exception {
    try (EventCollector events = EventCollector.fromEnd("risk.events")) {
      String project = directory.project("alice");
      Milestone m = new Milestone(project, "UAT");
      m.publish("updated", 1, "IN_PROGRESS", 12, "OFF_TRACK");
      String id = riskIds(project, m).get(0);
      assertEquals(8, risk(id).getInt("score"));
      assertEquals(2, risk(id).getInt("scheduleImpactDays"));

      m.publish("updated", 2, "IN_PROGRESS", 16, "OFF_TRACK");
      m.publish("updated", 3, "IN_PROGRESS", 14, "OFF_TRACK");
      publish(
          project,
          m.event(
              "updated",
              4,
              "LATE",
              16,
              "OFF_TRACK",
              m.due().plusDays(9).atStartOfDay().atOffset(ZoneOffset.UTC)));

      assertEquals(List.of(id), riskIds(project, m));
      JsonPath r = risk(id);
      assertEquals(5, r.getInt("probability"));
      assertEquals(4, r.getInt("impact"));
      assertEquals("CRITICAL", r.getString("level"));
      assertEquals(9, r.getInt("scheduleImpactDays"));
      assertEquals(2, r.getInt("version"));
      assertEquals(
          List.of(
              "identified: milestone UAT is 2 days beyond its buffer",
              "milestone UAT slipped further: 2 days beyond its buffer -> 6 days beyond its buffer",
              "milestone UAT slipped further: 6 days beyond its buffer -> 9 days beyond its"
                  + " buffer, LATE"),
          assessments(id).getList("items.reason"));
      assertEquals(List.of(8, 16, 20), assessments(id).getList("items.score"));
      assertEquals(
          List.of("tollgate", "tollgate", "tollgate"), assessments(id).getList("items.assessedBy"));

      List<ConsumerRecord<String, String>> mine = events.awaitCount(e -> about(e, id), 3, WAIT);
      assertEquals(
          List.of(0L, 1L, 2L),
          mine.stream()
              .map(e -> RiskEventsTest.checked(e, project, id).path("version").asLong())
              .toList());
      assertEquals(
          List.of(8, 16, 20),
          mine.stream().map(e -> json(e).path("data").path("score").asInt()).toList());
    }
  }

  /**
   * Back within its buffer, an untouched risk closes with why (and a closed event); a deleted
   * milestone's too; a milestone that eats its buffer again raises a new one.
   */
  @Test
  void aRiskNobodyTouchedClosesWhenItsMilestoneRecovers() throws Exception {
    try (EventCollector events = EventCollector.fromEnd("risk.events")) {
      String project = directory.project("alice");
      Milestone m = new Milestone(project, "Code freeze");
      m.publish("updated", 1, "IN_PROGRESS", 13, "OFF_TRACK");
      String first = riskIds(project, m).get(0);
      m.publish("updated", 2, "IN_PROGRESS", 8, "AT_RISK");
      JsonPath closed = risk(first);
      assertEquals("CLOSED", closed.getString("status"));
      assertEquals(
          "milestone Code freeze is back within its buffer", closed.getString("closedReason"));
      assertEquals(1, closed.getInt("version"));
      ConsumerRecord<String, String> closedEvent =
          events.awaitCount(e -> about(e, first), 2, WAIT).get(1);
      assertEquals("tollgate.risk.closed.v1", json(closedEvent).path("type").asText());
      assertEquals(
          "CLOSED", RiskEventsTest.checked(closedEvent, project, first).path("status").asText());

      m.publish("updated", 3, "IN_PROGRESS", 11, "OFF_TRACK");
      List<String> ids = riskIds(project, m);
      assertEquals(2, ids.size());
      String second = ids.stream().filter(i -> !i.equals(first)).findFirst().orElseThrow();
      assertEquals("OPEN", risk(second).getString("status"));
      assertEquals(1, risk(second).getInt("scheduleImpactDays"));

      Milestone gone = new Milestone(project, "Pen test");
      gone.publish("updated", 1, "IN_PROGRESS", 25, "OFF_TRACK");
      String goneRisk = riskIds(project, gone).get(0);
      gone.publish("deleted", 2, "IN_PROGRESS", 25, "OFF_TRACK");
      assertEquals("CLOSED", risk(goneRisk).getString("status"));
      assertEquals("milestone Pen test was deleted", risk(goneRisk).getString("closedReason"));
    }
  }

  /**
   * A person gave the risk an owner: completing the milestone leaves it open for them; when the
   * milestone (re-opened) eats its buffer again, that same risk is re-assessed.
   */
  @Test
  void aRiskAPersonChangedStaysOpenWhenItsMilestoneRecovers() throws Exception {
    String project = directory.project("alice");
    Milestone m = new Milestone(project, "Design review");
    m.publish("updated", 1, "IN_PROGRESS", 12, "OFF_TRACK");
    String id = riskIds(project, m).get(0);
    String url = RiskApiTest.URL + "/" + id;
    patch(url, "\"0\"", "{\"owner\":\"bob\"}").then().statusCode(200);

    m.publish("completed", 2, "COMPLETED", 12, "OFF_TRACK");
    JsonPath r = risk(id);
    assertEquals("OPEN", r.getString("status"));
    assertEquals(1, r.getInt("version"));

    m.publish("updated", 3, "IN_PROGRESS", 13, "OFF_TRACK");
    assertEquals(List.of(id), riskIds(project, m));
    assertEquals(3, risk(id).getInt("scheduleImpactDays"));
    assertEquals("bob", risk(id).getString("owner"));
    assertEquals(
        "milestone Design review slipped further: within its buffer -> 3 days beyond its buffer",
        assessments(id).getString("items[1].reason"));

    // still the person's: back within the buffer, it stays open
    m.publish("updated", 4, "IN_PROGRESS", 0, "ON_TRACK");
    assertEquals("OPEN", risk(id).getString("status"));
  }

  /**
   * A person closed the risk: the same slip again raises nothing, a further slip raises a new one.
   */
  @Test
  void aFurtherSlipAfterAPersonClosedTheRiskRaisesANewOne() throws Exception {
    String project = directory.project("alice");
    Milestone m = new Milestone(project, "Integration testing");
    m.publish("updated", 1, "IN_PROGRESS", 13, "OFF_TRACK");
    String first = riskIds(project, m).get(0);
    close(RiskApiTest.URL + "/" + first, "\"0\"", "Accepted: the sponsor moved go-live")
        .then()
        .statusCode(200);

    m.publish("updated", 2, "IN_PROGRESS", 13, "OFF_TRACK");
    assertEquals(List.of(first), riskIds(project, m));

    m.publish("updated", 3, "IN_PROGRESS", 15, "OFF_TRACK");
    List<String> ids = riskIds(project, m);
    assertEquals(2, ids.size());
    String second = ids.stream().filter(i -> !i.equals(first)).findFirst().orElseThrow();
    assertEquals("OPEN", risk(second).getString("status"));
    assertEquals(5, risk(second).getInt("scheduleImpactDays"));
    assertEquals("CLOSED", risk(first).getString("status"));
    assertEquals(1, risk(first).getInt("version"));
  }

  /** An event older than what risk-service has of the milestone changes nothing. */
  @Test
  void anOlderVersionChangesNothing() throws Exception {
    String project = directory.project("alice");
    Milestone m = new Milestone(project, "Sign-off");
    m.publish("updated", 2, "IN_PROGRESS", 0, "ON_TRACK");
    m.publish("updated", 1, "IN_PROGRESS", 30, "OFF_TRACK");
    assertEquals(List.of(), riskIds(project, m));
    assertEquals(
        "2",
        directory.query(
            "select version from milestone_ref where milestone_id = ?", UUID.fromString(m.id)));
  }

  /** An event the rules cannot use is set aside, and the project's later events still apply. */
  @Test
  void anUnreadableMilestoneEventGoesToTheDeadLetterTopic() throws Exception {
    String project = directory.project("alice");
    Milestone m = new Milestone(project, "Deployment window");
    String valid = m.event("updated", 1, "IN_PROGRESS", 30, "OFF_TRACK");
    // without its buffer it breaks the contract: no rule can judge it
    String unreadable = valid.replace(",\"bufferDays\":10", "");
    assertTrue(!JsonSchemas.violations(MILESTONE_SCHEMA, unreadable).isEmpty());
    String junk = "not a cloud event " + UUID.randomUUID();
    send(project, unreadable);
    send(project, junk);
    Milestone later = new Milestone(project, "Go-live");
    later.publish("updated", 1, "IN_PROGRESS", 30, "OFF_TRACK");
    try (EventCollector dlq = EventCollector.fromBeginning(DLQ)) {
      ConsumerRecord<String, String> setAside =
          dlq.awaitRecord(r -> unreadable.equals(r.value()), WAIT);
      assertEquals(project, setAside.key());
      assertEquals("milestone.events", header(setAside, "dead-letter-topic"));
      dlq.awaitRecord(r -> junk.equals(r.value()), WAIT);
    }
    assertEquals(List.of(), riskIds(project, m));
    assertNull(
        directory.query(
            "select 1 from milestone_ref where milestone_id = ?", UUID.fromString(m.id)));
    assertEquals(1, riskIds(project, later).size());
  }

  private static String header(ConsumerRecord<String, String> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
