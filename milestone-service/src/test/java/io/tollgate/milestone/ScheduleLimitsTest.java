package io.tollgate.milestone;

import static io.restassured.RestAssured.given;
import static io.tollgate.milestone.MilestoneApiTest.PROBLEM;
import static io.tollgate.milestone.MilestoneApiTest.TODAY;
import static io.tollgate.milestone.MilestoneApiTest.etag;
import static io.tollgate.milestone.MilestoneApiTest.patch;
import static io.tollgate.milestone.MilestoneApiTest.planned;
import static io.tollgate.testing.OpenApiOperations.assertDocumented;
import static io.tollgate.testing.OpenApiOperations.assertProblem;
import static io.tollgate.testing.ProducedEvents.about;
import static io.tollgate.testing.TestTokens.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tollgate.milestone.service.DependencyService;
import io.tollgate.milestone.service.MilestoneHistory;
import io.tollgate.rest.CommonProblemResponses;
import io.tollgate.testing.EventCollector;
import io.tollgate.testing.OpenApiOperations;
import io.tollgate.testing.ProducedEvents;
import io.tollgate.testing.ProjectDirectoryEvents;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The edges of a dependency: no forecast is carried past 9999-12-31 (the event contract's dates
 * stop there), a dependency can be read where its Location points, and the document says what the
 * service takes (If-Match optional on a dependency's PUT and DELETE).
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "milestone"))
class ScheduleLimitsTest {

  private static final ProjectDirectoryEvents directory = new ProjectDirectoryEvents("milestone");

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String DEPENDENCY = "/api/v1/milestones/{id}/predecessors/{predecessorId}";

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  private static String id(String url) {
    return url.substring(url.lastIndexOf('/') + 1);
  }

  private static Response depend(String successorUrl, String predecessorUrl, int lag) {
    return given()
        .contentType(ContentType.JSON)
        .body("{\"lagDays\":" + lag + "}")
        .put(successorUrl + "/predecessors/" + id(predecessorUrl));
  }

  private static JsonNode json(String body) {
    try {
      return MAPPER.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The types of the events about milestone {@code url}, in the order they came. */
  private static List<String> types(EventCollector events, String url) {
    return events.records().stream()
        .filter(r -> about(r, id(url)))
        .map(r -> ProducedEvents.json(r).path("type").asText())
        .toList();
  }

  /** Waits for the created event of milestone {@code url}. */
  private static void awaitCreated(EventCollector events, String url) {
    events.awaitRecord(
        r ->
            about(r, id(url))
                && ProducedEvents.json(r)
                    .path("type")
                    .asText()
                    .equals("tollgate.milestone.created.v1"),
        WAIT);
  }

  /**
   * "Go-live" (planned 9999-12-02) after "Data migration" (planned 9999-12-01): a 100-day lag would
   * carry Go-live to +10000-03-10, a date the event contract (format date) refuses, so project-
   * service would dead-letter the event and never learn of Go-live again. The change is refused
   * with a 409 naming Go-live and nothing of it is written: no dependency, no history, no event. A
   * 10-day lag fits (9999-12-11); then moving Data migration's forecast to 9999-12-31 would carry
   * Go-live past the last date too, and is refused the same way.
   */
  @Test
  void noChangeCarriesAForecastPastTheLastDateOfTheEventContract() {
    try (EventCollector events = EventCollector.fromEnd("milestone.events")) {
      String project = directory.project("alice");
      String migration = planned(project, "Data migration", LocalDate.of(9999, 12, 1), null);
      String goLive = planned(project, "Go-live", LocalDate.of(9999, 12, 2), null);
      awaitCreated(events, migration);
      awaitCreated(events, goLive);
      String goLiveTag = etag(goLive);

      depend(goLive, migration, 100)
          .then()
          .statusCode(409)
          .contentType(PROBLEM)
          .body("status", equalTo(409))
          .body(
              "detail",
              startsWith("the forecast of milestone 'Go-live' would move past 9999-12-31"));
      given()
          .get(goLive)
          .then()
          .statusCode(200)
          .header("ETag", goLiveTag)
          .body("forecastDate", equalTo("9999-12-02"));
      given().get(goLive + "/predecessors").then().statusCode(200).body("predecessors", empty());
      given().get(goLive + "/history").then().body("items.action", contains("CREATED"));
      // a later milestone of the project (same key, so same partition): once its event is here,
      // an event of the refused change would be too
      awaitCreated(events, planned(project, "Marker one", TODAY.plusDays(1), null));
      assertEquals(List.of("tollgate.milestone.created.v1"), types(events, goLive));

      depend(goLive, migration, 10).then().statusCode(201);
      given().get(goLive).then().body("forecastDate", equalTo("9999-12-11"));
      String migrationTag = etag(migration);
      patch(migration, migrationTag, "{\"forecastDate\":\"9999-12-31\"}")
          .then()
          .statusCode(409)
          .contentType(PROBLEM)
          .body(
              "detail",
              startsWith("the forecast of milestone 'Go-live' would move past 9999-12-31"));
      given()
          .get(migration)
          .then()
          .statusCode(200)
          .header("ETag", migrationTag)
          .body("forecastDate", equalTo("9999-12-01"));
      given().get(goLive).then().body("forecastDate", equalTo("9999-12-11"));
      given().get(migration + "/history").then().body("items.action", contains("CREATED"));
      awaitCreated(events, planned(project, "Marker two", TODAY.plusDays(2), null));
      assertEquals(List.of("tollgate.milestone.created.v1"), types(events, migration));
      assertEquals(
          List.of("tollgate.milestone.created.v1", "tollgate.milestone.updated.v1"),
          types(events, goLive),
          "only the 10-day lag moved Go-live");
    }
  }

  /**
   * A new dependency's Location answers a GET with what the PUT answered; a dependency that is not
   * there, or one in a project the caller may not read, is a 404 problem.
   */
  @Test
  void aDependencyIsReadWhereItsLocationPoints() {
    String project = directory.project("alice");
    String review = planned(project, "Design review", TODAY.plusDays(30), null);
    String goLive = planned(project, "Go-live", TODAY.plusDays(40), null);
    String audit = planned(project, "Audit", TODAY.plusDays(20), null);

    Response put = depend(goLive, review, 5);
    put.then().statusCode(201);
    String location = put.header("Location");
    assertNotNull(location);
    JsonNode answered = json(put.asString());
    Response got = given().get(location);
    got.then().statusCode(200).contentType(ContentType.JSON).header("ETag", notNullValue());
    assertEquals(answered, json(got.asString()), "GET on the Location answers what PUT did");
    assertEquals(5, answered.path("lagDays").asInt());
    given().header("If-None-Match", got.header("ETag")).get(location).then().statusCode(304);

    given()
        .get(goLive + "/predecessors/" + id(audit))
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body(
            "detail",
            equalTo("milestone " + id(goLive) + " does not depend on milestone " + id(audit)));
    given()
        .get("/api/v1/milestones/" + UUID.randomUUID() + "/predecessors/" + id(review))
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
    // dave is no member of the project
    as("dave", "MEMBER")
        .get(location)
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("detail", equalTo("milestone " + id(goLive) + " does not exist"));

    given().delete(location).then().statusCode(204);
    given().get(location).then().statusCode(404).contentType(PROBLEM);

    // as the README says: a deleted milestone's history rows stay, but the API answers 404 for it
    given().header("If-Match", etag(goLive)).delete(goLive).then().statusCode(204);
    given().get(goLive + "/history").then().statusCode(404).contentType(PROBLEM);
  }

  /**
   * The document says what the service does: a dependency's PUT and DELETE take If-Match (412 when
   * stale) but do not require it (no 428), and GET of one dependency is documented with its
   * operationId, examples and 404.
   */
  @Test
  void theDocumentSaysWhatADependencyTakes() {
    JsonNode openapi = OpenApiOperations.document();
    Map<String, JsonNode> operations = OpenApiOperations.byName(openapi);
    for (String method : List.of("PUT", "DELETE")) {
      String name = method + " " + DEPENDENCY;
      JsonNode op = operations.get(name);
      assertNotNull(op, name + " is documented");
      JsonNode ifMatch = null;
      for (JsonNode parameter : op.path("parameters")) {
        if ("If-Match".equalsIgnoreCase(parameter.path("name").asText())) {
          ifMatch = parameter;
        }
      }
      assertNotNull(ifMatch, name + " takes If-Match");
      assertFalse(ifMatch.path("required").asBoolean(false), name + ": If-Match is optional");
      assertFalse(op.path("responses").has("428"), name + " answers no 428");
      // the marker that says so is gone: a client (and the gateway's merge) reads every key of
      // responses as a status
      op.path("responses")
          .fieldNames()
          .forEachRemaining(
              status -> assertTrue(status.matches("[1-5][0-9][0-9]"), name + " answers " + status));
      assertFalse(
          openapi.toString().contains(CommonProblemResponses.IF_MATCH_OPTIONAL),
          "the document still carries " + CommonProblemResponses.IF_MATCH_OPTIONAL);
      assertProblem(op, "412", name);
    }
    String name = "GET " + DEPENDENCY;
    JsonNode get = assertDocumented(operations, "getMilestoneDependency", name);
    assertProblem(get, "404", name);
    assertTrue(
        get.path("responses").path("200").path("content").path("application/json").has("examples"),
        name + " shows an example");
    assertTrue(
        get.path("responses")
            .path("404")
            .path("content")
            .path("application/problem+json")
            .has("examples"),
        name + ": its 404 has an example");
    OpenApiOperations.assertExamples(openapi, List.of(name), "Dependency");
  }

  /**
   * Every action a milestone's history records is named where a reader looks for it: the README's
   * history row and the history entry's schema, the dependency actions included, with what their
   * before and after hold.
   */
  @Test
  void theHistoryDocumentationNamesEveryAction() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    String historyRow =
        readme
            .lines()
            .filter(l -> l.startsWith("| GET | `/api/v1/milestones/{id}/history`"))
            .findFirst()
            .orElseThrow();
    JsonNode entry =
        OpenApiOperations.document()
            .path("components")
            .path("schemas")
            .path("MilestoneHistoryEntry")
            .path("properties");
    String actions = entry.path("action").path("description").asText();
    for (String action :
        List.of(
            MilestoneHistory.CREATED,
            MilestoneHistory.UPDATED,
            MilestoneHistory.COMPLETED,
            MilestoneHistory.REOPENED,
            MilestoneHistory.REBASELINED,
            MilestoneHistory.DELETED,
            MilestoneHistory.FORECAST_MOVED,
            DependencyService.DEPENDENCY_ADDED,
            DependencyService.DEPENDENCY_CHANGED,
            DependencyService.DEPENDENCY_REMOVED)) {
      assertTrue(
          historyRow.contains("`" + action + "`"), "the README's history row names " + action);
      assertTrue(actions.contains(action), "the schema's action names " + action);
    }
    for (String side : List.of("before", "after")) {
      assertTrue(
          entry.path(side).path("description").asText().contains("{predecessorId, lagDays}"),
          side + " says what a dependency action holds");
    }
  }
}
