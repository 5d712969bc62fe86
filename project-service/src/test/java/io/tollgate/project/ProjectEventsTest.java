package io.tollgate.project;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tollgate.testing.EventCollector;
import io.tollgate.testing.JsonSchemas;
import io.tollgate.testing.Metrics;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What project-service publishes, read back from the real broker. */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "project"))
class ProjectEventsTest {

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  static final String SCHEMA = "META-INF/resources/asyncapi/schemas/project-event.v1.json";
  static final ObjectMapper JSON = new ObjectMapper();

  @Inject EntityManager em;

  static JsonNode json(ConsumerRecord<String, String> record) {
    try {
      return JSON.readTree(record.value());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + record.value(), e);
    }
  }

  static boolean isEvent(ConsumerRecord<String, String> r, String type, String projectId) {
    JsonNode e = json(r);
    return type.equals(e.path("type").asText()) && projectId.equals(e.path("subject").asText());
  }

  @Test
  void everyChangeIsPublishedAsAValidCloudEventKeyedByProject() {
    try (EventCollector events = EventCollector.fromEnd("project.events")) {
      String key = ProjectApiTest.uniqueKey("E");
      String id = ProjectApiTest.create(key).then().statusCode(201).extract().path("id");

      ConsumerRecord<String, String> created =
          events.awaitRecord(
              r -> isEvent(r, "tollgate.project.created.v1", id), Duration.ofSeconds(20));
      JsonSchemas.assertConforms(SCHEMA, created.value());
      assertEquals(id, created.key(), "the Kafka key is the project id");
      assertEquals(
          "application/cloudevents+json",
          new String(created.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8));
      JsonNode data = json(created).path("data");
      assertEquals(key, data.path("key").asText());
      assertEquals("INITIATION", data.path("phase").asText());
      assertEquals(0, data.path("version").asInt());
      // the optional fields the schema documents travel too, under their documented names
      assertEquals("Replace the legacy CRM", data.path("description").asText());
      assertEquals("2026-01-05", data.path("startDate").asText());
      assertEquals("2026-09-30", data.path("targetDate").asText());
      // who made the change, as the audit has it
      assertEquals("alice", data.path("changedBy").asText());
      assertTrue(data.path("apiKeyId").isMissingNode(), "no API key was used");

      given()
          .contentType("application/merge-patch+json")
          .header("If-Match", "\"0\"")
          .body("{\"targetDate\":\"2026-12-31\"}")
          .patch("/api/v1/projects/" + id)
          .then()
          .statusCode(200);
      ConsumerRecord<String, String> updated =
          events.awaitRecord(
              r -> isEvent(r, "tollgate.project.updated.v1", id), Duration.ofSeconds(20));
      JsonSchemas.assertConforms(SCHEMA, updated.value());
      JsonNode changed = json(updated).path("data");
      assertEquals("[\"targetDate\"]", changed.path("changedFields").toString());
      assertEquals("2026-12-31", changed.path("targetDate").asText());
      assertEquals(1, changed.path("version").asInt());

      given().header("If-Match", "\"1\"").delete("/api/v1/projects/" + id).then().statusCode(204);
      ConsumerRecord<String, String> archived =
          events.awaitRecord(
              r -> isEvent(r, "tollgate.project.archived.v1", id), Duration.ofSeconds(20));
      JsonSchemas.assertConforms(SCHEMA, archived.value());
      assertTrue(json(archived).path("data").path("archived").asBoolean());
      assertEquals("alice", json(archived).path("data").path("changedBy").asText());
      // each carries its change's place in the project's history, which orders them
      long c = json(created).path("data").path("sequence").asLong();
      long u = json(updated).path("data").path("sequence").asLong();
      long a = json(archived).path("data").path("sequence").asLong();
      assertTrue(0 < c && c < u && u < a, List.of(c, u, a).toString());
      List<Integer> history =
          given()
              .queryParam("entityType", "PROJECT")
              .get("/api/v1/projects/" + id + "/history")
              .then()
              .statusCode(200)
              .extract()
              .path("items.sequence");
      assertEquals(List.of((int) a, (int) u, (int) c), history);
    }
  }

  /** A change made with an API key names the key's owner and the key, as the history does. */
  @Test
  void aChangeMadeWithAnApiKeyNamesTheKeyAndItsOwner() {
    try (EventCollector events = EventCollector.fromEnd("project.events")) {
      String apiKey = java.util.UUID.randomUUID().toString();
      String id =
          given()
              .config(
                  io.restassured.RestAssured.config()
                      .headerConfig(
                          io.restassured.config.HeaderConfig.headerConfig()
                              .overwriteHeadersWithName("Authorization")))
              .header(
                  "Authorization",
                  io.tollgate.testing.TestTokens.bearerWith(
                      "\"scope\":\"READ_WRITE\",\"api_key_id\":\"" + apiKey + "\"",
                      "olivia",
                      "MEMBER"))
              .contentType("application/json")
              .body(
                  "{\"key\":\"%s\",\"name\":\"Keyed\",\"methodology\":\"AGILE\"}"
                      .formatted(ProjectApiTest.uniqueKey("K")))
              .post("/api/v1/projects")
              .then()
              .statusCode(201)
              .extract()
              .path("id");
      ConsumerRecord<String, String> created =
          events.awaitRecord(
              r -> isEvent(r, "tollgate.project.created.v1", id), Duration.ofSeconds(20));
      JsonSchemas.assertConforms(SCHEMA, created.value());
      assertEquals("olivia", json(created).path("data").path("changedBy").asText());
      assertEquals(apiKey, json(created).path("data").path("apiKeyId").asText());
      ConsumerRecord<String, String> member =
          events.awaitRecord(
              r -> isEvent(r, "tollgate.project.member-added.v1", id), Duration.ofSeconds(20));
      assertEquals("olivia", json(member).path("data").path("changedBy").asText());
    }
  }

  static final String PHASE_SCHEMA =
      "META-INF/resources/asyncapi/schemas/project-phase-changed.v1.json";

  @Test
  void aPhaseChangeIsPublishedWithTheProjectSnapshotAndTheTransition() {
    try (EventCollector events = EventCollector.fromEnd("project.events")) {
      String id = Api.project("{\"amount\":\"5000.00\",\"currency\":\"CHF\"}");
      String transitionId =
          Api.transition(id, "PLANNING", "Charter signed")
              .then()
              .statusCode(201)
              .extract()
              .path("id");
      ConsumerRecord<String, String> changed =
          events.awaitRecord(
              r -> isEvent(r, "tollgate.project.phase-changed.v1", id), Duration.ofSeconds(20));
      JsonSchemas.assertConforms(PHASE_SCHEMA, changed.value());
      // what project-directory reads from every project event is there too
      JsonSchemas.assertValid(SCHEMA, changed.value().replace("phase-changed", "updated"));
      assertEquals(id, changed.key());
      JsonNode data = json(changed).path("data");
      assertEquals(id, data.path("projectId").asText());
      assertEquals("PLANNING", data.path("phase").asText());
      assertEquals(1, data.path("version").asInt());
      assertEquals("INITIATION", data.path("from").asText());
      assertEquals("PLANNING", data.path("to").asText());
      assertEquals("ADVANCE", data.path("kind").asText());
      assertEquals("Charter signed", data.path("reason").asText());
      assertEquals("alice", data.path("changedBy").asText());
      assertEquals(transitionId, data.path("transitionId").asText());
      assertEquals("5000.00", data.path("budget").path("amount").asText());
      assertTrue(data.path("override").isMissingNode());

      Api.transition(Api.admin(), id, "EXECUTION", "Go", "Accepted by the sponsor")
          .then()
          .statusCode(201);
      ConsumerRecord<String, String> overridden =
          events.awaitRecord(
              r ->
                  isEvent(r, "tollgate.project.phase-changed.v1", id)
                      && r.value().contains("\"EXECUTION\""),
              Duration.ofSeconds(20));
      JsonSchemas.assertConforms(PHASE_SCHEMA, overridden.value());
      JsonNode override = json(overridden).path("data").path("override");
      assertEquals("carol", override.path("by").asText());
      assertEquals("Accepted by the sponsor", override.path("justification").asText());
      assertEquals(
          "MILESTONE_PLANNED",
          override.path("overriddenCriteria").get(0).path("criterion").asText());
    }
  }

  @Test
  void aBudgetChangeIsAnUpdateCarryingTheBudgetAsADecimalString() {
    try (EventCollector events = EventCollector.fromEnd("project.events")) {
      String id = Api.project(null);
      given()
          .contentType("application/merge-patch+json")
          .header("If-Match", "\"0\"")
          .body("{\"budget\":{\"amount\":123456789012.3,\"currency\":\"EUR\"}}")
          .patch("/api/v1/projects/" + id)
          .then()
          .statusCode(200);
      ConsumerRecord<String, String> updated =
          events.awaitRecord(
              r -> isEvent(r, "tollgate.project.updated.v1", id), Duration.ofSeconds(20));
      JsonSchemas.assertConforms(SCHEMA, updated.value());
      JsonNode data = json(updated).path("data");
      assertEquals("[\"budget\"]", data.path("changedFields").toString());
      assertEquals("123456789012.30", data.path("budget").path("amount").asText());
      assertEquals("EUR", data.path("budget").path("currency").asText());
    }
  }

  @Test
  void aRefusedTransitionPublishesNothing() {
    try (EventCollector events = EventCollector.fromEnd("project.events")) {
      String id = Api.project(null);
      Api.transition(id, "TESTING", "skip").then().statusCode(409);
      assertOnlyTheCreateThenAFencePublished(events, id);
    }
  }

  @Test
  void aRefusedChangePublishesNothing() {
    try (EventCollector events = EventCollector.fromEnd("project.events")) {
      String id = ProjectApiTest.create(ProjectApiTest.uniqueKey("N")).path("id");
      given()
          .contentType("application/merge-patch+json")
          .header("If-Match", "\"0\"")
          .body("{\"name\":\"\"}")
          .patch("/api/v1/projects/" + id)
          .then()
          .statusCode(400);
      assertOnlyTheCreateThenAFencePublished(events, id);
    }
  }

  /**
   * Makes an accepted change after a refused one and waits for its event: events of one project
   * share a partition, in order, so anything the refused change had published would be on the topic
   * before it.
   */
  private static void assertOnlyTheCreateThenAFencePublished(EventCollector events, String id) {
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"description\":\"fence\"}")
        .patch("/api/v1/projects/" + id)
        .then()
        .statusCode(200);
    events.awaitRecord(r -> isEvent(r, "tollgate.project.updated.v1", id), Duration.ofSeconds(20));
    List<String> types =
        events.records().stream()
            .filter(r -> id.equals(r.key()))
            .map(r -> json(r).path("type").asText())
            .toList();
    assertEquals(
        List.of(
            "tollgate.project.created.v1",
            "tollgate.project.member-added.v1",
            "tollgate.project.updated.v1"),
        types,
        "the create's events (created, the creator's member-added), then the fence's update");
  }

  /**
   * Also what an operator sees on /q/metrics meanwhile: the waiting events and the age of the
   * oldest (what to alert on, since every write still succeeds), the failed rounds, and then the
   * published events and an empty outbox.
   */
  @Test
  void whileTheBrokerIsDownCreatesSucceedAndEveryEventIsPublishedOnceItReturns() throws Exception {
    assumeTrue(
        TollgateInfrastructure.kafkaIsOwn(),
        "Kafka is external (TOLLGATE_TEST_KAFKA_BOOTSTRAP): the tests cannot stop it");
    try (EventCollector events = EventCollector.fromEnd("project.events")) {
      List<String> ids = new ArrayList<>();
      double publishedBefore = Metrics.value("tollgate_outbox_published_total");
      double failedRoundsBefore = Metrics.value("tollgate_outbox_failed_rounds_total");
      // the consuming side's dead letters are exported from the start (at 0 while there are none),
      // so that an alert sees the first one as an increase
      String riskDeadLetters = "tollgate_inbox_dead_lettered_total{topic=\"risk.events\"}";
      double riskDeadLettersBefore = Metrics.value(riskDeadLetters);
      assertTrue(riskDeadLettersBefore >= 0, riskDeadLetters + " is not exported");
      TollgateInfrastructure.kafka().stop();
      try {
        for (int i = 0; i < 5; i++) {
          ids.add(
              given()
                  .contentType(ContentType.JSON)
                  .body(ProjectApiTest.body(ProjectApiTest.uniqueKey("O")))
                  .post("/api/v1/projects")
                  .then()
                  .statusCode(201)
                  .extract()
                  .path("id"));
        }
        assertEquals(5, waiting(ids), "the events wait in the outbox while the broker is down");
        // a relay round fails once the producer's timeout (10 s) passes: its rows stay, and say
        // why they were not published
        await()
            .atMost(Duration.ofSeconds(40))
            .pollInterval(Duration.ofMillis(250))
            .until(() -> waitingWithError(ids) > 0);
        assertEquals(5, waiting(ids), "a failed round deletes nothing");
        await()
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () ->
                    Metrics.value("tollgate_outbox_pending") >= 10); // created + member-added, each
        assertTrue(Metrics.value("tollgate_outbox_oldest_age_seconds") > 0);
        assertTrue(Metrics.value("tollgate_outbox_failed_rounds_total") > failedRoundsBefore);
      } finally {
        TollgateInfrastructure.kafka().start();
      }
      events.awaitCount(
          r -> ids.stream().anyMatch(id -> isEvent(r, "tollgate.project.created.v1", id)),
          5,
          Duration.ofSeconds(60));
      Set<String> published =
          events.records().stream()
              .filter(r -> ids.contains(r.key()))
              .map(r -> json(r).path("subject").asText())
              .collect(Collectors.toSet());
      assertEquals(Set.copyOf(ids), published);
      // a published event leaves the outbox in the transaction that published it
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> waiting(ids) == 0);
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> Metrics.value("tollgate_outbox_pending") == 0);
      assertEquals(0, Metrics.value("tollgate_outbox_oldest_age_seconds"));
      assertTrue(
          Metrics.value("tollgate_outbox_published_total") >= publishedBefore + 10,
          "the 10 events are counted as published");
      // and the outage set no risk event aside
      assertEquals(riskDeadLettersBefore, Metrics.value(riskDeadLetters));
    }
  }

  /** How many of these projects' created events wait in the outbox. */
  private long waiting(List<String> projectIds) {
    return countWaiting(projectIds, "");
  }

  /** How many of them wait after a failed attempt, with its error. */
  private long waitingWithError(List<String> projectIds) {
    return countWaiting(projectIds, " and e.attempts > 0 and e.lastError is not null");
  }

  private long countWaiting(List<String> projectIds, String condition) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                em.createQuery(
                        "select count(e) from OutboxEvent e where e.eventKey in :ids"
                            + " and e.eventType = :type"
                            + condition,
                        Long.class)
                    .setParameter("ids", projectIds)
                    .setParameter("type", "tollgate.project.created.v1")
                    .getSingleResult());
  }
}
