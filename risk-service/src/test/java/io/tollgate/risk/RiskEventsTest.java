package io.tollgate.risk;

import static io.restassured.RestAssured.given;
import static io.tollgate.risk.RiskApiTest.MILESTONE;
import static io.tollgate.risk.RiskApiTest.close;
import static io.tollgate.risk.RiskApiTest.id;
import static io.tollgate.risk.RiskApiTest.patch;
import static io.tollgate.risk.RiskApiTest.registered;
import static io.tollgate.testing.ProducedEvents.about;
import static io.tollgate.testing.ProducedEvents.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.testing.EventCollector;
import io.tollgate.testing.ProducedEvents;
import io.tollgate.testing.ProjectDirectoryEvents;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * project-service's DEPLOYMENT gate and health keep risks from risk.events: one event per change,
 * written with it, keyed by the project, carrying the risk as it stands. Read back from the real
 * broker and checked against the contract.
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "risk"))
class RiskEventsTest {

  private static final ProjectDirectoryEvents directory = new ProjectDirectoryEvents("risk");

  static final String SCHEMA = "META-INF/resources/asyncapi/schemas/risk-event.v1.json";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  /** The event checked against the contract, its key, subject and content type; its data. */
  static JsonNode checked(ConsumerRecord<String, String> event, String projectId, String id) {
    return ProducedEvents.checked(event, SCHEMA, projectId, "riskId", id);
  }

  @Test
  void everyChangeIsOneEventWithTheRiskAsItStands() {
    try (EventCollector events = EventCollector.fromEnd("risk.events")) {
      String project = directory.project("alice");
      String url =
          registered(
              project,
              "Legacy CRM export is incomplete",
              3,
              4,
              "\"milestoneIds\":[\"%s\"],\"costImpact\":\"40000\",\"scheduleImpactDays\":15"
                  .formatted(MILESTONE));
      String id = id(url);
      // refused and empty changes publish nothing
      patch(url, "\"9\"", "{\"title\":\"Stale\"}").then().statusCode(412);
      patch(url, "\"0\"", "{\"probability\":9}").then().statusCode(400);
      patch(url, "\"0\"", "{\"probability\":3}").then().statusCode(200);
      patch(url, "\"0\"", "{\"owner\":\"bob\"}").then().statusCode(200);
      patch(
              url,
              "\"1\"",
              "{\"probability\":4,\"impact\":5,\"milestoneIds\":null,\"scheduleImpactDays\":null}")
          .then()
          .statusCode(200);
      close(url, "\"2\"", "Vendor delivered the full export").then().statusCode(200);
      close(url, "\"3\"", "Again").then().statusCode(409);
      given().header("If-Match", "\"3\"").delete(url + "/closure").then().statusCode(200);
      // a later event of the project (same key, same partition) arrives after all of them
      String markerId = id(registered(project, "Marker", 1, 1, null));
      events.awaitRecord(r -> about(r, markerId), WAIT);

      List<ConsumerRecord<String, String>> mine =
          events.records().stream().filter(r -> about(r, id)).toList();
      assertEquals(
          List.of(
              "tollgate.risk.assessed.v1",
              "tollgate.risk.assessed.v1",
              "tollgate.risk.assessed.v1",
              "tollgate.risk.closed.v1",
              "tollgate.risk.assessed.v1"),
          mine.stream().map(r -> json(r).path("type").asText()).toList());

      JsonNode identified = checked(mine.get(0), project, id);
      assertEquals("Legacy CRM export is incomplete", identified.path("title").asText());
      assertEquals("INTEGRATION", identified.path("category").asText());
      assertEquals(3, identified.path("probability").asInt());
      assertEquals(4, identified.path("impact").asInt());
      assertEquals(12, identified.path("score").asInt());
      assertEquals("HIGH", identified.path("level").asText());
      assertEquals("OPEN", identified.path("status").asText());
      assertEquals(MILESTONE, identified.path("milestoneIds").path(0).asText());
      assertEquals(0, identified.path("version").asLong());
      // milestone-service's risk-adjusted forecast slips the linked milestones by it
      assertEquals(15, identified.path("scheduleImpactDays").asInt());

      JsonNode owned = checked(mine.get(1), project, id);
      assertEquals("HIGH", owned.path("level").asText());
      assertEquals(1, owned.path("version").asLong());

      JsonNode reassessed = checked(mine.get(2), project, id);
      assertEquals(20, reassessed.path("score").asInt());
      assertEquals("CRITICAL", reassessed.path("level").asText());
      assertEquals(0, reassessed.path("milestoneIds").size());
      assertTrue(reassessed.path("scheduleImpactDays").isNull(), "no impact: null, not absent");
      assertEquals(2, reassessed.path("version").asLong());

      JsonNode closed = checked(mine.get(3), project, id);
      assertEquals("CLOSED", closed.path("status").asText());
      assertEquals("CRITICAL", closed.path("level").asText());
      assertEquals(3, closed.path("version").asLong());

      JsonNode reopened = checked(mine.get(4), project, id);
      assertEquals("OPEN", reopened.path("status").asText());
      assertEquals(4, reopened.path("version").asLong());
    }
  }
}
