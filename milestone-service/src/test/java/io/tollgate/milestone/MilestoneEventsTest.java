package io.tollgate.milestone;

import static io.restassured.RestAssured.given;
import static io.tollgate.milestone.MilestoneApiTest.TODAY;
import static io.tollgate.milestone.MilestoneApiTest.patch;
import static io.tollgate.milestone.MilestoneApiTest.planned;
import static io.tollgate.testing.ProducedEvents.about;
import static io.tollgate.testing.ProducedEvents.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tollgate.testing.EventCollector;
import io.tollgate.testing.ProducedEvents;
import io.tollgate.testing.ProjectDirectoryEvents;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * project-service's gates, earned value and health keep milestones from milestone.events: one event
 * per change, written with it, keyed by the project, carrying the milestone as it stands. Read back
 * from the real broker and checked against the contract.
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "milestone"))
class MilestoneEventsTest {

  private static final ProjectDirectoryEvents directory = new ProjectDirectoryEvents("milestone");

  static final String SCHEMA = "META-INF/resources/asyncapi/schemas/milestone-event.v1.json";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  /** The event checked against the contract, its key, subject and content type; its data. */
  static JsonNode checked(ConsumerRecord<String, String> event, String projectId, String id) {
    return ProducedEvents.checked(event, SCHEMA, projectId, "milestoneId", id);
  }

  @Test
  void everyChangeIsOneEventWithTheMilestoneAsItStands() {
    try (EventCollector events = EventCollector.fromEnd("milestone.events")) {
      String project = directory.project("alice");
      LocalDate planned = TODAY.plusDays(50);
      String url =
          planned(
              project,
              "Penetration test",
              planned,
              "\"bufferDays\":10,\"forecastDate\":\"%s\",\"plannedValue\":\"25000.00\""
                  .formatted(planned.plusDays(4)));
      String id = url.substring(url.lastIndexOf('/') + 1);
      // refused and empty changes publish nothing
      patch(url, "\"9\"", "{\"name\":\"Stale\"}").then().statusCode(412);
      patch(url, "\"0\"", "{\"name\":\"Penetration test\"}").then().statusCode(200);
      patch(url, "\"0\"", "{\"status\":\"IN_PROGRESS\",\"plannedValue\":null}")
          .then()
          .statusCode(200);
      given()
          .contentType(ContentType.JSON)
          .header("If-Match", "\"1\"")
          .body("{\"actualDate\":\"%s\"}".formatted(TODAY.minusDays(1)))
          .post(url + "/completion")
          .then()
          .statusCode(200);
      given().header("If-Match", "\"2\"").delete(url + "/completion").then().statusCode(200);
      given()
          .contentType(ContentType.JSON)
          .header("If-Match", "\"3\"")
          .body("{\"plannedDate\":\"%s\",\"reason\":\"CR-7\"}".formatted(planned.plusDays(5)))
          .post(url + "/baselines")
          .then()
          .statusCode(200);
      given().header("If-Match", "\"4\"").delete(url).then().statusCode(204);
      // a later event of the project (same key, same partition) arrives after all of them
      String marker = planned(project, "Marker", TODAY.plusDays(1), null);
      String markerId = marker.substring(marker.lastIndexOf('/') + 1);
      events.awaitRecord(r -> about(r, markerId), WAIT);

      List<ConsumerRecord<String, String>> mine =
          events.records().stream().filter(r -> about(r, id)).toList();
      assertEquals(
          List.of(
              "tollgate.milestone.created.v1",
              "tollgate.milestone.updated.v1",
              "tollgate.milestone.completed.v1",
              "tollgate.milestone.updated.v1",
              "tollgate.milestone.updated.v1",
              "tollgate.milestone.deleted.v1"),
          mine.stream().map(r -> json(r).path("type").asText()).toList());

      JsonNode created = checked(mine.get(0), project, id);
      assertEquals("Penetration test", created.path("name").asText());
      assertEquals("SECURITY_AUDIT", created.path("kind").asText());
      assertEquals("PLANNED", created.path("status").asText());
      assertEquals(planned.toString(), created.path("plannedDate").asText());
      assertEquals(10, created.path("bufferDays").asInt());
      assertEquals(planned.plusDays(4).toString(), created.path("forecastDate").asText());
      assertEquals("AT_RISK", created.path("zone").asText());
      assertEquals("25000", created.path("plannedValue").asText());
      assertFalse(created.has("actualDate"));
      assertEquals(0, created.path("version").asLong());

      JsonNode updated = checked(mine.get(1), project, id);
      assertEquals("IN_PROGRESS", updated.path("status").asText());
      assertFalse(updated.has("plannedValue"), "a cleared planned value is absent");
      assertEquals(1, updated.path("version").asLong());

      JsonNode completed = checked(mine.get(2), project, id);
      assertEquals("COMPLETED", completed.path("status").asText());
      assertEquals(TODAY.minusDays(1).toString(), completed.path("actualDate").asText());
      assertEquals(TODAY.minusDays(1).toString(), completed.path("forecastDate").asText());
      assertEquals("ON_TRACK", completed.path("zone").asText());
      assertEquals(2, completed.path("version").asLong());

      JsonNode reopened = checked(mine.get(3), project, id);
      assertEquals("IN_PROGRESS", reopened.path("status").asText());
      assertFalse(reopened.has("actualDate"));
      assertEquals(planned.plusDays(4).toString(), reopened.path("forecastDate").asText());
      assertEquals(3, reopened.path("version").asLong());

      JsonNode rebaselined = checked(mine.get(4), project, id);
      assertEquals(planned.plusDays(5).toString(), rebaselined.path("plannedDate").asText());
      assertEquals("ON_TRACK", rebaselined.path("zone").asText());
      assertEquals(4, rebaselined.path("version").asLong());

      JsonNode deleted = checked(mine.get(5), project, id);
      assertEquals(planned.plusDays(5).toString(), deleted.path("plannedDate").asText());
      assertEquals(
          5, deleted.path("version").asLong(), "the deletion's version: one past the last");
      assertTrue(deleted.path("name").isTextual());
    }
  }

  @Test
  void aLateMilestonesEventSaysSo() {
    try (EventCollector events = EventCollector.fromEnd("milestone.events")) {
      String project = directory.project("alice");
      String url = planned(project, "Overdue", TODAY.minusDays(3), "\"bufferDays\":1");
      String id = url.substring(url.lastIndexOf('/') + 1);
      JsonNode data = checked(events.awaitRecord(r -> about(r, id), WAIT), project, id);
      assertEquals("LATE", data.path("status").asText());
    }
  }
}
