package io.tollgate.milestone;

import static io.restassured.RestAssured.given;
import static io.tollgate.milestone.MilestoneApiTest.TODAY;
import static io.tollgate.milestone.MilestoneApiTest.patch;
import static io.tollgate.milestone.MilestoneApiTest.planned;
import static io.tollgate.milestone.MilestoneEventsTest.checked;
import static io.tollgate.testing.ProducedEvents.about;
import static io.tollgate.testing.ProducedEvents.json;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.testing.EventCollector;
import io.tollgate.testing.ProjectDirectoryEvents;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A change of one milestone that moves the forecasts of others along the dependencies publishes
 * each of them too: an updated event and a FORECAST_MOVED history entry, in the same transaction.
 * The dependency is written straight into the table, so that this checks the milestone API's side
 * of the propagation on its own.
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "milestone"))
class MilestoneForecastMovesTest {

  private static final ProjectDirectoryEvents directory = new ProjectDirectoryEvents("milestone");

  private static final Duration WAIT = Duration.ofSeconds(30);

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  static String id(String url) {
    return url.substring(url.lastIndexOf('/') + 1);
  }

  static void depends(String successor, String predecessor, String project, int lag)
      throws Exception {
    try (Connection connection =
            DriverManager.getConnection(
                TollgateInfrastructure.jdbcUrl("milestone"),
                TollgateInfrastructure.postgresUsername(),
                TollgateInfrastructure.postgresPassword());
        PreparedStatement insert =
            connection.prepareStatement(
                "insert into milestone_dependency (predecessor_id, successor_id, project_id,"
                    + " lag_days) values (?, ?, ?, ?)")) {
      insert.setObject(1, UUID.fromString(predecessor));
      insert.setObject(2, UUID.fromString(successor));
      insert.setObject(3, UUID.fromString(project));
      insert.setInt(4, lag);
      insert.executeUpdate();
    }
  }

  @Test
  void aForecastMovedByAPredecessorIsPublishedAndRecorded() throws Exception {
    try (EventCollector events = EventCollector.fromEnd("milestone.events")) {
      String project = directory.project("alice");
      LocalDate planned = TODAY.plusDays(20);
      String predecessor = planned(project, "Build", TODAY.plusDays(10), null);
      String successor = planned(project, "Go-live", planned, "\"bufferDays\":10");
      depends(id(successor), id(predecessor), project, 5);

      // the build slips 12 days: the go-live can finish 5 days after it at the earliest
      patch(predecessor, "\"0\"", "{\"forecastDate\":\"%s\"}".formatted(TODAY.plusDays(22)))
          .then()
          .statusCode(200)
          .body("forecastDate", equalTo(TODAY.plusDays(22).toString()));
      given()
          .get(successor)
          .then()
          .header("ETag", "\"1\"")
          .body("ownForecastDate", equalTo(planned.toString()))
          .body("forecastDate", equalTo(TODAY.plusDays(27).toString()))
          .body("slipDays", equalTo(7))
          .body("zone", equalTo("AT_RISK"));
      JsonNode moved =
          checked(
              events.awaitRecord(r -> about(r, id(successor)) && updated(r), WAIT),
              project,
              id(successor));
      assertEquals(TODAY.plusDays(27).toString(), moved.path("forecastDate").asText());
      assertEquals("AT_RISK", moved.path("zone").asText());
      assertEquals(1, moved.path("version").asLong());
      given()
          .get(successor + "/history")
          .then()
          .body("items.action", contains("FORECAST_MOVED", "CREATED"))
          .body("items[0].actor", equalTo("alice"))
          .body("items[0].before.forecastDate", equalTo(planned.toString()))
          .body("items[0].before.version", equalTo(0))
          .body("items[0].after.forecastDate", equalTo(TODAY.plusDays(27).toString()))
          .body("items[0].after.version", equalTo(1));

      // deleting the predecessor takes the dependency with it: the go-live is back on its own
      given().header("If-Match", "\"1\"").delete(predecessor).then().statusCode(204);
      given()
          .get(successor)
          .then()
          .header("ETag", "\"2\"")
          .body("forecastDate", equalTo(planned.toString()))
          .body("zone", equalTo("ON_TRACK"));
      String marker = planned(project, "Marker", TODAY.plusDays(1), null);
      events.awaitRecord(r -> about(r, id(marker)), WAIT);
      List<ConsumerRecord<String, String>> ofSuccessor =
          events.records().stream().filter(r -> about(r, id(successor))).toList();
      assertEquals(
          List.of(
              "tollgate.milestone.created.v1",
              "tollgate.milestone.updated.v1",
              "tollgate.milestone.updated.v1"),
          ofSuccessor.stream().map(r -> json(r).path("type").asText()).toList(),
          "one event per move");
      JsonNode back = checked(ofSuccessor.get(2), project, id(successor));
      assertEquals(planned.toString(), back.path("forecastDate").asText());
      assertEquals(2, back.path("version").asLong());
      List<ConsumerRecord<String, String>> ofPredecessor =
          events.records().stream().filter(r -> about(r, id(predecessor))).toList();
      assertEquals(
          List.of(
              "tollgate.milestone.created.v1",
              "tollgate.milestone.updated.v1",
              "tollgate.milestone.deleted.v1"),
          ofPredecessor.stream().map(r -> json(r).path("type").asText()).toList());
    }
  }

  static boolean updated(ConsumerRecord<String, String> record) {
    return json(record).path("type").asText().equals("tollgate.milestone.updated.v1");
  }
}
