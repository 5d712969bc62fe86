package io.tollgate.project;

import static io.restassured.RestAssured.given;
import static io.tollgate.project.ProjectEventsTest.isEvent;
import static io.tollgate.project.ProjectEventsTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tollgate.project.messaging.ProjectEvents;
import io.tollgate.testing.EventCollector;
import io.tollgate.testing.JsonSchemas;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A BI dashboard keeps a project's KPIs and their measurements from project.events: every KPI
 * defined, changed or removed and every measurement recorded or removed is an event, written with
 * the change, carrying the KPI as the API shows it. Read back from the real broker.
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "project"))
class KpiEventsTest {

  static final String KPI_SCHEMA = "META-INF/resources/asyncapi/schemas/project-kpi-event.v1.json";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  /** The event checked against its contract and the envelope's key, subject and content type. */
  private static JsonNode checked(ConsumerRecord<String, String> event, String projectId) {
    JsonSchemas.assertConforms(KPI_SCHEMA, event.value());
    // project-directory (milestone-, risk-, notification-service) reads the project snapshot of
    // every tollgate.project.* event: it is there as in any other
    String type = json(event).path("type").asText();
    JsonSchemas.assertValid(
        ProjectEventsTest.SCHEMA, event.value().replace(type, ProjectEvents.UPDATED));
    assertEquals(projectId, event.key(), "the Kafka key is the project id");
    assertEquals(projectId, json(event).path("subject").asText(), "the subject is the project");
    assertEquals(
        "application/cloudevents+json",
        new String(event.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8));
    JsonNode data = json(event).path("data");
    assertEquals(projectId, data.path("projectId").asText());
    assertEquals("alice", data.path("changedBy").asText());
    return data;
  }

  private static String etag(String kpiUrl) {
    return given().get(kpiUrl).then().statusCode(200).extract().header("ETag");
  }

  private static long version(String etag) {
    return Long.parseLong(etag.replace("\"", ""));
  }

  private static BigDecimal decimal(JsonNode number) {
    return new BigDecimal(number.asText());
  }

  @Test
  void everyKpiAndMeasurementChangeIsPublishedWithTheKpiAsTheApiShowsIt() {
    try (EventCollector events = EventCollector.fromEnd("project.events")) {
      String id = Api.project(null);
      int projectVersion = Api.version(id);

      Response defined = KpiApiTest.define(id, "Uptime", "99.9", "HIGHER_IS_BETTER");
      defined.then().statusCode(201);
      String kpiUrl = defined.header("Location");
      String kpiId = defined.path("id");
      JsonNode data =
          checked(events.awaitRecord(r -> isEvent(r, ProjectEvents.KPI_DEFINED, id), WAIT), id);
      assertEquals(projectVersion, data.path("version").asInt(), "the project's version");
      JsonNode kpi = data.path("kpi");
      assertEquals(kpiId, kpi.path("id").asText());
      assertEquals(id, kpi.path("projectId").asText());
      assertEquals("Uptime", kpi.path("name").asText());
      assertEquals("%", kpi.path("unit").asText());
      assertEquals(0, new BigDecimal("99.9").compareTo(decimal(kpi.path("target"))));
      assertEquals("HIGHER_IS_BETTER", kpi.path("direction").asText());
      assertEquals(0, kpi.path("version").asLong());
      assertEquals(0, kpi.path("status").path("measurements").asInt());
      assertTrue(kpi.path("status").path("meetsTarget").isNull(), "no measurement yet");
      assertTrue(data.path("measurement").isMissingNode());
      long definedAt = data.path("sequence").asLong();
      assertTrue(definedAt > 0, "the change's place in the history");

      Response measured = KpiApiTest.measure(kpiUrl, "2026-01-31", "99.5");
      measured.then().statusCode(201);
      String measurementId = measured.path("id");
      data = checked(events.awaitRecord(r -> isEvent(r, ProjectEvents.KPI_MEASURED, id), WAIT), id);
      JsonNode measurement = data.path("measurement");
      assertEquals(measurementId, measurement.path("id").asText());
      assertEquals(kpiId, measurement.path("kpiId").asText());
      assertEquals("2026-01-31", measurement.path("measuredOn").asText());
      assertEquals(0, new BigDecimal("99.5").compareTo(decimal(measurement.path("value"))));
      assertFalse(measurement.path("meetsTarget").asBoolean(true), "99.5 misses 99.9");
      Boolean answered = measured.path("meetsTarget");
      assertEquals(answered, measurement.path("meetsTarget").asBoolean(), "as the API reports it");
      assertEquals("alice", measurement.path("recordedBy").asText());
      // the KPI as it stands with the measurement, at the version its ETag now names
      assertEquals(version(measured.header("ETag")), data.path("kpi").path("version").asLong());
      JsonNode status = data.path("kpi").path("status");
      assertEquals(1, status.path("measurements").asInt());
      assertEquals("2026-01-31", status.path("latest").path("measuredOn").asText());
      assertFalse(status.path("meetsTarget").asBoolean(true));
      long measuredAt = data.path("sequence").asLong();

      String typo =
          KpiApiTest.measure(kpiUrl, "2026-02-28", "9.95")
              .then()
              .statusCode(201)
              .extract()
              .path("id");
      events.awaitCount(r -> isEvent(r, ProjectEvents.KPI_MEASURED, id), 2, WAIT);
      given()
          .header("If-Match", etag(kpiUrl))
          .delete(kpiUrl + "/measurements/" + typo)
          .then()
          .statusCode(204);
      data =
          checked(
              events.awaitRecord(r -> isEvent(r, ProjectEvents.KPI_MEASUREMENT_REMOVED, id), WAIT),
              id);
      assertEquals(typo, data.path("measurement").path("id").asText(), "the measurement removed");
      assertEquals(
          0, new BigDecimal("9.95").compareTo(decimal(data.path("measurement").path("value"))));
      // and where the KPI stands without it
      status = data.path("kpi").path("status");
      assertEquals(1, status.path("measurements").asInt());
      assertEquals("2026-01-31", status.path("latest").path("measuredOn").asText());
      long removedMeasurementAt = data.path("sequence").asLong();

      String changedEtag =
          given()
              .contentType("application/merge-patch+json")
              .header("If-Match", etag(kpiUrl))
              .body("{\"target\":99}")
              .patch(kpiUrl)
              .then()
              .statusCode(200)
              .extract()
              .header("ETag");
      data = checked(events.awaitRecord(r -> isEvent(r, ProjectEvents.KPI_CHANGED, id), WAIT), id);
      assertEquals(List.of("target"), texts(data.path("kpiChangedFields")));
      kpi = data.path("kpi");
      assertEquals(0, new BigDecimal("99").compareTo(decimal(kpi.path("target"))));
      assertEquals(version(changedEtag), kpi.path("version").asLong());
      assertTrue(kpi.path("status").path("meetsTarget").asBoolean(), "99.5 meets the new 99");
      long changedAt = data.path("sequence").asLong();

      given().header("If-Match", changedEtag).delete(kpiUrl).then().statusCode(204);
      data = checked(events.awaitRecord(r -> isEvent(r, ProjectEvents.KPI_REMOVED, id), WAIT), id);
      kpi = data.path("kpi");
      assertEquals(kpiId, kpi.path("id").asText(), "the KPI as it was");
      assertEquals("Uptime", kpi.path("name").asText());
      assertEquals(1, kpi.path("status").path("measurements").asInt());
      long removedAt = data.path("sequence").asLong();

      assertTrue(
          definedAt < measuredAt
              && measuredAt < removedMeasurementAt
              && removedMeasurementAt < changedAt
              && changedAt < removedAt,
          "the events are ordered as the changes were made");
      assertEquals(projectVersion, Api.version(id), "KPIs do not change the project's version");
    }
  }

  @Test
  void aRefusedKpiChangePublishesNothing() {
    try (EventCollector events = EventCollector.fromEnd("project.events")) {
      String id = Api.project(null);
      String kpiUrl =
          KpiApiTest.define(id, "Uptime", "99.9", "HIGHER_IS_BETTER")
              .then()
              .statusCode(201)
              .extract()
              .header("Location");
      String measurement =
          KpiApiTest.measure(kpiUrl, "2026-01-31", "99.5")
              .then()
              .statusCode(201)
              .extract()
              .path("id");

      KpiApiTest.define(id, "", "99", "HIGHER_IS_BETTER").then().statusCode(400);
      KpiApiTest.define(id, "Uptime", "99", "HIGHER_IS_BETTER").then().statusCode(409);
      KpiApiTest.measure(kpiUrl, "9999-01-01", "99").then().statusCode(400);
      KpiApiTest.measure(KpiApiTest.url(id) + "/" + UUID.randomUUID(), "2026-01-31", "99")
          .then()
          .statusCode(404);
      given()
          .contentType("application/merge-patch+json")
          .header("If-Match", "\"0\"")
          .body("{\"target\":98}")
          .patch(kpiUrl)
          .then()
          .statusCode(412);
      given()
          .header("If-Match", "\"0\"")
          .delete(kpiUrl + "/measurements/" + measurement)
          .then()
          .statusCode(412);
      given().header("If-Match", "\"0\"").delete(kpiUrl).then().statusCode(412);
      given().delete(kpiUrl).then().statusCode(428);

      assertOnlyTheseKpiEventsThenAFence(
          events, id, List.of(ProjectEvents.KPI_DEFINED, ProjectEvents.KPI_MEASURED));
    }
  }

  @Test
  void aReplayedCreatePublishesNoSecondEvent() {
    try (EventCollector events = EventCollector.fromEnd("project.events")) {
      String id = Api.project(null);
      String kpiKey = UUID.randomUUID().toString();
      String body =
          "{\"name\":\"Adoption\",\"unit\":\"users\",\"target\":500,\"direction\":"
              + "\"HIGHER_IS_BETTER\"}";
      List<String> kpiIds = new ArrayList<>();
      for (int attempt = 0; attempt < 2; attempt++) {
        Response defined =
            given()
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", kpiKey)
                .body(body)
                .post(KpiApiTest.url(id));
        defined.then().statusCode(201);
        assertEquals(attempt == 1, "true".equals(defined.header("Idempotent-Replayed")));
        kpiIds.add(defined.path("id"));
      }
      assertEquals(kpiIds.get(0), kpiIds.get(1), "the replay answers the first KPI");
      String kpiUrl = KpiApiTest.url(id) + "/" + kpiIds.get(0);
      String measurementKey = UUID.randomUUID().toString();
      for (int attempt = 0; attempt < 2; attempt++) {
        Response measured =
            given()
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", measurementKey)
                .body("{\"measuredOn\":\"2026-01-31\",\"value\":420}")
                .post(kpiUrl + "/measurements");
        measured.then().statusCode(201);
        assertEquals(attempt == 1, "true".equals(measured.header("Idempotent-Replayed")));
      }

      assertOnlyTheseKpiEventsThenAFence(
          events, id, List.of(ProjectEvents.KPI_DEFINED, ProjectEvents.KPI_MEASURED));
    }
  }

  /**
   * Defines another KPI and waits for its event: events of one project share a partition, in order,
   * so anything a refused or replayed request had published would be on the topic before it.
   */
  private static void assertOnlyTheseKpiEventsThenAFence(
      EventCollector events, String id, List<String> expected) {
    KpiApiTest.define(id, "Fence", "1", "LOWER_IS_BETTER").then().statusCode(201);
    events.awaitRecord(
        r ->
            isEvent(r, ProjectEvents.KPI_DEFINED, id)
                && "Fence".equals(json(r).path("data").path("kpi").path("name").asText()),
        WAIT);
    List<String> types =
        events.records().stream()
            .filter(r -> id.equals(r.key()))
            .map(r -> json(r).path("type").asText())
            .filter(ProjectEvents.KPI_TYPES::contains)
            .toList();
    List<String> withFence = new ArrayList<>(expected);
    withFence.add(ProjectEvents.KPI_DEFINED);
    assertEquals(withFence, types, "the set-up's KPI events, then the fence's");
  }

  /**
   * An integrator reads the KPI events from the AsyncAPI document: each type is a message of the
   * channel and of the send operation, with the KPI schema as its payload, and its examples conform
   * to that schema; the schema and this service's README name each type.
   */
  @Test
  void theAsyncApiDocumentAndTheReadmeDescribeEveryKpiEvent() throws Exception {
    JsonNode asyncapi =
        new ObjectMapper(new YAMLFactory())
            .readTree(
                given().get("/asyncapi/asyncapi.yaml").then().statusCode(200).extract().asString());
    String schemaPath = "schemas/project-kpi-event.v1.json";
    JsonNode schema =
        new ObjectMapper()
            .readTree(
                given().get("/asyncapi/" + schemaPath).then().statusCode(200).extract().asString());
    assertEquals(
        new TreeSet<>(ProjectEvents.KPI_TYPES),
        new TreeSet<>(texts(schema.at("/properties/type/enum"))),
        "the types the schema describes");
    String readme = Files.readString(Path.of("README.md"));
    Set<String> channelMessages = new TreeSet<>();
    asyncapi
        .at("/channels/projectEvents/messages")
        .forEach(ref -> channelMessages.add(ref.path("$ref").asText()));
    Set<String> sent = new TreeSet<>();
    asyncapi
        .at("/operations/publishProjectEvents/messages")
        .forEach(ref -> sent.add(ref.path("$ref").asText()));
    int examples = 0;
    for (String type : ProjectEvents.KPI_TYPES) {
      assertTrue(readme.contains("| `" + type + "` |"), type + " missing from README.md's events");
      String key = null;
      for (var messages = asyncapi.at("/components/messages").fields(); messages.hasNext(); ) {
        var message = messages.next();
        if (message.getValue().path("name").asText().equals(type)) {
          key = message.getKey();
        }
      }
      assertTrue(key != null, type + " missing from asyncapi.yaml's messages");
      JsonNode message = asyncapi.at("/components/messages/" + key);
      assertEquals(schemaPath, message.at("/payload/$ref").asText(), type + "'s payload");
      assertEquals(
          "#/components/messageTraits/cloudEvent",
          message.at("/traits/0/$ref").asText(),
          type + "'s Kafka trait");
      assertTrue(
          channelMessages.contains("#/components/messages/" + key), type + " not on the channel");
      assertTrue(
          sent.contains("#/channels/projectEvents/messages/" + key),
          type + " not in the operation");
      for (JsonNode example : message.path("examples")) {
        JsonSchemas.assertConforms(
            "META-INF/resources/asyncapi/" + schemaPath, example.path("payload").toString());
        assertEquals(type, example.at("/payload/type").asText(), type + "'s example");
        examples++;
      }
    }
    assertTrue(examples >= 2, "examples of the KPI events: " + examples);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(t -> texts.add(t.asText()));
    return texts;
  }
}
