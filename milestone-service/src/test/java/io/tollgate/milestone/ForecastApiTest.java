package io.tollgate.milestone;

import static io.restassured.RestAssured.given;
import static io.tollgate.milestone.DependencyApiTest.depend;
import static io.tollgate.milestone.DependencyApiTest.id;
import static io.tollgate.milestone.MilestoneApiTest.PROBLEM;
import static io.tollgate.milestone.MilestoneApiTest.TODAY;
import static io.tollgate.milestone.MilestoneApiTest.planned;
import static io.tollgate.testing.OpenApiOperations.assertDocumented;
import static io.tollgate.testing.OpenApiOperations.assertExamples;
import static io.tollgate.testing.OpenApiOperations.assertProblem;
import static io.tollgate.testing.OpenApiOperations.byName;
import static io.tollgate.testing.OpenApiOperations.document;
import static io.tollgate.testing.TestTokens.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.tollgate.testing.EventCollector;
import io.tollgate.testing.EventPublisher;
import io.tollgate.testing.JsonSchemas;
import io.tollgate.testing.ProjectDirectoryEvents;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The risk-adjusted forecast over HTTP (ADR 0027), fed by risk events as risk-service publishes
 * them on the real broker (each checked against the schema risk-service ships).
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "milestone"))
class ForecastApiTest {

  private static final ProjectDirectoryEvents directory = new ProjectDirectoryEvents("milestone");

  static final String URL = "/api/v1/milestones/forecast";
  static final String RISK_SCHEMA = "contracts/risk-service/schemas/risk-event.v1.json";
  static final String DLQ = "risk.events.milestone-service.dlq";
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

  /** The event as risk-service's RiskEvents writes it, checked against its schema. */
  static String riskEvent(
      String eventId,
      UUID riskId,
      String projectId,
      String status,
      int probability,
      Integer impactDays,
      List<String> milestoneIds,
      long version) {
    String type = "OPEN".equals(status) ? "tollgate.risk.assessed.v1" : "tollgate.risk.closed.v1";
    String links = String.join(",", milestoneIds.stream().map(m -> "\"" + m + "\"").toList());
    String json =
        """
        {"specversion":"1.0","id":"%s","source":"/risk-service","type":"%s","subject":"%s",
         "time":"2026-03-01T10:00:00Z","datacontenttype":"application/json",
         "data":{"riskId":"%s","projectId":"%s","title":"Vendor slips","category":"VENDOR",
         "probability":%d,"impact":4,"score":%d,"level":"HIGH","status":"%s",
         "milestoneIds":[%s],"version":%d,"scheduleImpactDays":%s}}"""
            .formatted(
                eventId,
                type,
                riskId,
                riskId,
                projectId,
                probability,
                probability * 4,
                status,
                links,
                version,
                impactDays);
    JsonSchemas.assertValid(RISK_SCHEMA, json);
    return json;
  }

  static void send(String projectId, String json) {
    publisher().send("risk.events", projectId, json, HEADERS);
  }

  static void awaitProcessed(String eventId) {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                "1"
                    .equals(
                        directory.query(
                            "select count(*) from inbox_event where event_id = ?", eventId)));
  }

  /** Publishes and waits until milestone-service has processed it; the event id. */
  static String publish(String projectId, String json) {
    String eventId = eventId(json);
    send(projectId, json);
    awaitProcessed(eventId);
    return eventId;
  }

  private static String eventId(String json) {
    int at = json.indexOf("\"id\":\"") + 6;
    return json.substring(at, json.indexOf('"', at));
  }

  static ValidatableResponse forecast(String project, Object seed) {
    return given()
        .queryParam("projectId", project)
        .queryParam("iterations", 2000)
        .queryParam("seed", seed)
        .get(URL)
        .then()
        .statusCode(200);
  }

  private static String path(String url, String field) {
    return "milestones.find { it.milestoneId == '" + id(url) + "' }." + field;
  }

  private static void dates(
      ValidatableResponse r, String url, LocalDate p50, LocalDate p80, LocalDate p95) {
    r.body(path(url, "p50"), equalTo(p50.toString()))
        .body(path(url, "p80"), equalTo(p80.toString()))
        .body(path(url, "p95"), equalTo(p95.toString()));
  }

  private static void all(ValidatableResponse r, String url, LocalDate date) {
    dates(r, url, date, date, date);
  }

  /**
   * Design (T+10, no buffer) -> Go-live (T+30, no buffer, 20 days after it). A risk of probability
   * 5 (85 %) that slips Design by 7 days moves P50, P80 and P95 of both by 7 (Go-live keeps its 20
   * days after Design); a redelivery and an older version change nothing; closing it takes it out.
   */
  @Test
  void anOpenLinkedRiskShiftsTheForecastUntilItIsClosed() throws Exception {
    String project = directory.project("alice");
    String design = planned(project, "Design", TODAY.plusDays(10), null);
    String goLive = planned(project, "Go-live", TODAY.plusDays(30), null);
    String audit = planned(project, "Audit", TODAY.plusDays(12), null);
    depend(goLive, design, 0).then().statusCode(201);

    ValidatableResponse before = forecast(project, 7);
    before
        .body("projectId", equalTo(project))
        .body("iterations", equalTo(2000))
        .body("seed", equalTo(7))
        .body("milestones.milestoneId", contains(id(design), id(audit), id(goLive)))
        .body(path(goLive, "name"), equalTo("Go-live"))
        .body(path(goLive, "forecastDate"), equalTo(TODAY.plusDays(30).toString()))
        .body("projectEnd.p95", equalTo(TODAY.plusDays(30).toString()));
    all(before, design, TODAY.plusDays(10));
    all(before, goLive, TODAY.plusDays(30));

    UUID risk = UUID.randomUUID();
    String assessed =
        riskEvent(
            UUID.randomUUID().toString(), risk, project, "OPEN", 5, 7, List.of(id(design)), 0);
    publish(project, assessed);
    ValidatableResponse shifted = forecast(project, 7);
    all(shifted, design, TODAY.plusDays(17));
    all(shifted, goLive, TODAY.plusDays(37));
    all(shifted, audit, TODAY.plusDays(12));
    shifted
        .body("projectEnd.p50", equalTo(TODAY.plusDays(37).toString()))
        .body("projectEnd.p95", equalTo(TODAY.plusDays(37).toString()))
        // the deterministic forecast does not include risks
        .body(path(design, "forecastDate"), equalTo(TODAY.plusDays(10).toString()));
    String body = shifted.extract().asString();

    // the same record again, and an older version saying more: nothing changes
    send(project, assessed);
    publish(
        project,
        riskEvent(
            UUID.randomUUID().toString(), risk, project, "OPEN", 5, 60, List.of(id(audit)), 0));
    assertEquals(
        "1",
        directory.query("select count(*) from inbox_event where event_id = ?", eventId(assessed)));
    assertEquals(body, forecast(project, 7).extract().asString());

    // closed: the risk no longer moves anything
    publish(
        project,
        riskEvent(
            UUID.randomUUID().toString(), risk, project, "CLOSED", 5, 7, List.of(id(design)), 1));
    ValidatableResponse closed = forecast(project, 7);
    all(closed, design, TODAY.plusDays(10));
    all(closed, goLive, TODAY.plusDays(30));
  }

  /**
   * Probability 3 (40 %) leaves 60 % of the iterations on the plan: P50 on it, P80 and P95 slipped;
   * a risk without a schedule impact and one linked to another project's milestone move nothing.
   */
  @Test
  void theChanceOfTheProbabilitySetsThePercentiles() {
    String project = directory.project("alice");
    String m = planned(project, "Cut-over", TODAY.plusDays(20), null);
    String elsewhere = directory.project("alice");
    String foreign = planned(elsewhere, "Foreign", TODAY.plusDays(20), null);
    publish(
        project,
        riskEvent(
            UUID.randomUUID().toString(),
            UUID.randomUUID(),
            project,
            "OPEN",
            3,
            5,
            List.of(id(m)),
            0));
    publish(
        project,
        riskEvent(
            UUID.randomUUID().toString(),
            UUID.randomUUID(),
            project,
            "OPEN",
            5,
            null,
            List.of(id(m)),
            0));
    publish(
        elsewhere,
        riskEvent(
            UUID.randomUUID().toString(),
            UUID.randomUUID(),
            elsewhere,
            "OPEN",
            5,
            30,
            List.of(id(m), id(foreign)),
            0));
    ValidatableResponse r = forecast(project, 11);
    dates(r, m, TODAY.plusDays(20), TODAY.plusDays(25), TODAY.plusDays(25));
  }

  @Test
  void aSeededRunRepeatsAndAnswers304() {
    String project = directory.project("alice");
    planned(project, "Launch", TODAY.plusDays(15), "\"bufferDays\":20");
    ValidatableResponse drawn =
        given().queryParam("projectId", project).get(URL).then().statusCode(200);
    drawn.body("iterations", equalTo(10000)).body("seed", notNullValue());
    long seed = drawn.extract().jsonPath().getLong("seed");
    String first = drawn.extract().asString();
    ValidatableResponse again =
        given()
            .queryParam("projectId", project)
            .queryParam("seed", seed)
            .get(URL)
            .then()
            .statusCode(200);
    assertEquals(first, again.extract().asString(), "the answered seed repeats the run");
    String etag = again.extract().header("ETag");
    given()
        .header("If-None-Match", etag)
        .queryParam("projectId", project)
        .queryParam("seed", seed)
        .get(URL)
        .then()
        .statusCode(304);
    // the buffer spreads the date: triangular between the plan and 20 days later
    var answer = io.restassured.path.json.JsonPath.from(first);
    LocalDate p50 = LocalDate.parse(answer.getString("milestones[0].p50"));
    LocalDate p95 = LocalDate.parse(answer.getString("milestones[0].p95"));
    assertTrue(p50.isAfter(TODAY.plusDays(15)) && p50.isBefore(p95), first);
    assertTrue(!p95.isAfter(TODAY.plusDays(35)), first);
    // another milestone changes the answer: the tag no longer matches
    planned(project, "Later", TODAY.plusDays(40), null);
    given()
        .header("If-None-Match", etag)
        .queryParam("projectId", project)
        .queryParam("seed", seed)
        .get(URL)
        .then()
        .statusCode(200)
        .body("projectEnd.p50", equalTo(TODAY.plusDays(40).toString()));
    assertNotEquals(
        drawn.extract().jsonPath().getLong("seed"),
        given()
            .queryParam("projectId", project)
            .get(URL)
            .then()
            .extract()
            .jsonPath()
            .getLong("seed"),
        "a new seed per unseeded run (1 in 2^64 to collide)");
  }

  @Test
  void aProjectWithoutMilestonesHasNoProjectEnd() {
    String project = directory.project("alice");
    forecast(project, 1).body("projectEnd", nullValue()).body("milestones", empty());
  }

  @Test
  void badParametersAreNamed() {
    String project = directory.project("alice");
    given()
        .get(URL)
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations.field", contains("projectId"));
    for (String iterations : List.of("99", "100001", "many", "-5")) {
      given()
          .queryParam("projectId", project)
          .queryParam("iterations", iterations)
          .get(URL)
          .then()
          .statusCode(400)
          .contentType(PROBLEM)
          .body("violations.field", contains("iterations"));
    }
    given()
        .queryParam("projectId", "nope")
        .queryParam("iterations", "0")
        .queryParam("seed", "1.5")
        .get(URL)
        .then()
        .statusCode(400)
        .body("violations.field", containsInAnyOrder("projectId", "iterations", "seed"));
    given()
        .queryParam("projectId", project)
        .queryParam("iterations", 100)
        .queryParam("seed", Long.MIN_VALUE)
        .get(URL)
        .then()
        .statusCode(200)
        .body("iterations", equalTo(100));
  }

  @Test
  void onlyThoseWhoMayReadTheProjectSeeItsForecast() {
    String project = directory.project("alice");
    directory.member(project, "bob", "VIEWER");
    planned(project, "Go-live", TODAY.plusDays(10), null);
    as("bob", "MEMBER")
        .queryParam("projectId", project)
        .get(URL)
        .then()
        .statusCode(200)
        .body("milestones.size()", equalTo(1));
    as("dave", "MEMBER")
        .queryParam("projectId", project)
        .get(URL)
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("detail", equalTo("project " + project + " does not exist"));
    as("carol", "ADMIN").queryParam("projectId", UUID.randomUUID()).get(URL).then().statusCode(404);
  }

  /** An event the forecast cannot use is set aside, and the project's later events still apply. */
  @Test
  void anUnreadableRiskEventGoesToTheDeadLetterTopic() throws Exception {
    String project = directory.project("alice");
    String m = planned(project, "Go-live", TODAY.plusDays(10), null);
    String valid =
        riskEvent(
            UUID.randomUUID().toString(),
            UUID.randomUUID(),
            project,
            "OPEN",
            5,
            3,
            List.of(id(m)),
            0);
    // probability 9 breaks the contract: unreadable for the simulation
    String unreadable = valid.replace("\"probability\":5", "\"probability\":9");
    String junk = "not a cloud event " + UUID.randomUUID();
    send(project, unreadable);
    send(project, junk);
    UUID later = UUID.randomUUID();
    publish(
        project,
        riskEvent(UUID.randomUUID().toString(), later, project, "OPEN", 5, 2, List.of(id(m)), 0));
    try (EventCollector dlq = EventCollector.fromBeginning(DLQ)) {
      ConsumerRecord<String, String> setAside =
          dlq.awaitRecord(r -> unreadable.equals(r.value()), WAIT);
      assertEquals(project, setAside.key());
      assertEquals("risk.events", header(setAside, "dead-letter-topic"));
      assertTrue(header(setAside, "dead-letter-reason").contains("probability"));
      dlq.awaitRecord(r -> junk.equals(r.value()), WAIT);
    }
    // nothing of the unreadable one was kept
    assertEquals(
        null,
        directory.query(
            "select 1 from risk_ref where risk_id = ?", UUID.fromString(subject(valid))));
    all(forecast(project, 3), m, TODAY.plusDays(12));
  }

  private static String subject(String json) {
    int at = json.indexOf("\"subject\":\"") + 11;
    return json.substring(at, json.indexOf('"', at));
  }

  private static String header(ConsumerRecord<String, String> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  @Test
  void theForecastIsDocumented() {
    JsonNode openapi = document();
    String name = "GET /api/v1/milestones/forecast";
    JsonNode op = assertDocumented(byName(openapi), "getRiskAdjustedForecast", name);
    assertProblem(op, "400", name);
    assertProblem(op, "401", name);
    assertProblem(op, "404", name);
    assertExamples(
        openapi, List.of(name), "RiskAdjustedForecast|ForecastPercentiles|ForecastMilestone");
  }
}
