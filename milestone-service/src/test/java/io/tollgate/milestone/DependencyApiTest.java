package io.tollgate.milestone;

import static io.restassured.RestAssured.given;
import static io.tollgate.milestone.MilestoneApiTest.PROBLEM;
import static io.tollgate.milestone.MilestoneApiTest.TODAY;
import static io.tollgate.milestone.MilestoneApiTest.etag;
import static io.tollgate.milestone.MilestoneApiTest.patch;
import static io.tollgate.milestone.MilestoneApiTest.planned;
import static io.tollgate.milestone.MilestoneEventsTest.checked;
import static io.tollgate.testing.ProducedEvents.about;
import static io.tollgate.testing.ProducedEvents.json;
import static io.tollgate.testing.TestTokens.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.tollgate.testing.EventCollector;
import io.tollgate.testing.ProjectDirectoryEvents;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Finish-to-start dependencies over HTTP: a predecessor's forecast carries its successors along
 * (stored, shown and published), cycles and cross-project links are refused, and only those who may
 * change the project change its schedule.
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "milestone"))
class DependencyApiTest {

  private static final ProjectDirectoryEvents directory = new ProjectDirectoryEvents("milestone");

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String UPDATED = "tollgate.milestone.updated.v1";

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  static String id(String url) {
    return url.substring(url.lastIndexOf('/') + 1);
  }

  static Response depend(
      RequestSpecification request, String successorUrl, String predecessorUrl, Integer lag) {
    if (lag != null) {
      request.contentType(ContentType.JSON).body("{\"lagDays\":" + lag + "}");
    }
    return request.put(successorUrl + "/predecessors/" + id(predecessorUrl));
  }

  static Response depend(String successorUrl, String predecessorUrl, Integer lag) {
    return depend(given(), successorUrl, predecessorUrl, lag);
  }

  static String forecast(String url) {
    return given().get(url).then().statusCode(200).extract().path("forecastDate");
  }

  /** The next updated event of the milestone after those already seen, checked; its data. */
  static JsonNode updated(EventCollector events, String project, String id, int nth) {
    List<ConsumerRecord<String, String>> all =
        events.awaitCount(r -> about(r, id) && isUpdated(r), nth, WAIT);
    return checked(all.get(nth - 1), project, id);
  }

  static boolean isUpdated(ConsumerRecord<String, String> r) {
    return json(r).path("type").asText().equals(UPDATED);
  }

  /**
   * Design review (planned T+30) -> Go-live (planned T+40, buffer 9 days). With a 5-day lag Go-live
   * still fits (T+35 < T+40); the review slipping to T+38 pushes Go-live to T+43 (3 of 9 days:
   * AT_RISK); a 12-day lag to T+50 (10 days: OFF_TRACK); without the dependency it is back on its
   * own forecast, T+40. Every move is stored, shown and published as an updated event with the new
   * forecast and zone.
   */
  @Test
  void aPredecessorsForecastCarriesItsSuccessorAlong() {
    try (EventCollector events = EventCollector.fromEnd("milestone.events")) {
      String project = directory.project("alice");
      String review = planned(project, "Design review", TODAY.plusDays(30), "\"bufferDays\":10");
      String goLive = planned(project, "Go-live", TODAY.plusDays(40), "\"bufferDays\":9");
      String goLiveId = id(goLive);

      depend(goLive, review, 5)
          .then()
          .statusCode(201)
          .header(
              "Location",
              endsWith("/api/v1/milestones/" + goLiveId + "/predecessors/" + id(review)))
          .header("ETag", "\"0\"")
          .body("predecessorId", equalTo(id(review)))
          .body("successorId", equalTo(goLiveId))
          .body("lagDays", equalTo(5));
      assertEquals(TODAY.plusDays(40).toString(), forecast(goLive), "T+35 is before its own T+40");
      given()
          .get(goLive + "/predecessors")
          .then()
          .statusCode(200)
          .body("milestoneId", equalTo(goLiveId))
          .body("predecessors.predecessorId", contains(id(review)))
          .body("predecessors.lagDays", contains(5));

      patch(review, etag(review), "{\"forecastDate\":\"%s\"}".formatted(TODAY.plusDays(38)))
          .then()
          .statusCode(200);
      assertEquals(TODAY.plusDays(43).toString(), forecast(goLive));
      JsonNode data = updated(events, project, goLiveId, 1);
      assertEquals(TODAY.plusDays(43).toString(), data.path("forecastDate").asText());
      assertEquals("AT_RISK", data.path("zone").asText());
      given().get(goLive).then().body("zone", equalTo("AT_RISK")).body("slipDays", equalTo(3));

      depend(goLive, review, 12)
          .then()
          .statusCode(200)
          .header("ETag", "\"2\"")
          .body("lagDays", equalTo(12));
      assertEquals(TODAY.plusDays(50).toString(), forecast(goLive));
      data = updated(events, project, goLiveId, 2);
      assertEquals(TODAY.plusDays(50).toString(), data.path("forecastDate").asText());
      assertEquals("OFF_TRACK", data.path("zone").asText());
      assertEquals(2, data.path("version").asLong());

      given().delete(goLive + "/predecessors/" + id(review)).then().statusCode(204);
      assertEquals(TODAY.plusDays(40).toString(), forecast(goLive), "back on its own forecast");
      data = updated(events, project, goLiveId, 3);
      assertEquals(TODAY.plusDays(40).toString(), data.path("forecastDate").asText());
      assertEquals("ON_TRACK", data.path("zone").asText());
      given().get(goLive + "/predecessors").then().statusCode(200).body("predecessors", empty());
      given()
          .delete(goLive + "/predecessors/" + id(review))
          .then()
          .statusCode(404)
          .contentType(PROBLEM);

      // the successor's history tells each dependency change apart from the moves it caused
      given()
          .get(goLive + "/history")
          .then()
          .statusCode(200)
          .body(
              "items.action",
              contains(
                  "FORECAST_MOVED",
                  "DEPENDENCY_REMOVED",
                  "FORECAST_MOVED",
                  "DEPENDENCY_CHANGED",
                  "FORECAST_MOVED",
                  "DEPENDENCY_ADDED",
                  "CREATED"))
          .body("items[1].before.predecessorId", equalTo(id(review)))
          .body("items[1].before.lagDays", equalTo(12))
          .body("items[3].before.lagDays", equalTo(5))
          .body("items[3].after.lagDays", equalTo(12))
          .body("items[5].after.predecessorId", equalTo(id(review)))
          .body("items[5].after.lagDays", equalTo(5))
          .body("items[4].after.forecastDate", equalTo(TODAY.plusDays(43).toString()));
    }
  }

  /** Without a body the lag is 0; the lag is a whole number of days from 0 to 3650. */
  @Test
  void theLagDefaultsToZeroAndStaysWithinTenYears() {
    String project = directory.project("alice");
    String a = planned(project, "Code freeze", TODAY.plusDays(20), null);
    String b = planned(project, "Integration testing", TODAY.plusDays(10), null);
    depend(b, a, null).then().statusCode(201).body("lagDays", equalTo(0));
    assertEquals(TODAY.plusDays(20).toString(), forecast(b));
    depend(b, a, 3651)
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations.field", contains("lagDays"));
    depend(b, a, -1).then().statusCode(400).body("violations.field", contains("lagDays"));
    depend(b, a, 3650).then().statusCode(200).body("lagDays", equalTo(3650));
    assertEquals(TODAY.plusDays(3670).toString(), forecast(b));
  }

  /**
   * A -> B -> C: C -> A would close a cycle. The refusal names the cycle by the milestones' names
   * and lists their ids; nothing is stored.
   */
  @Test
  void aDependencyClosingACycleIsRefusedWithTheCycle() {
    String project = directory.project("alice");
    String a = planned(project, "Requirements sign-off", TODAY.plusDays(10), null);
    String b = planned(project, "Design review", TODAY.plusDays(20), null);
    String c = planned(project, "Go-live", TODAY.plusDays(30), null);
    depend(b, a, 0).then().statusCode(201);
    depend(c, b, 0).then().statusCode(201);

    depend(a, c, 1)
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("type", equalTo("https://tollgate.io/problems/conflict"))
        .body(
            "detail",
            containsString(
                "\"Requirements sign-off\" -> \"Design review\" -> \"Go-live\" ->"
                    + " \"Requirements sign-off\""))
        .body("cycle", contains(id(a), id(b), id(c), id(a)));
    depend(a, b, 0).then().statusCode(409).body("cycle", contains(id(a), id(b), id(a)));
    given().get(a + "/predecessors").then().statusCode(200).body("predecessors", empty());
    assertEquals(TODAY.plusDays(10).toString(), forecast(a));

    depend(a, a, 0)
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations.field", contains("predecessorId"));
  }

  /**
   * A predecessor must be a milestone of the same project: another project's is refused (409), one
   * the caller cannot see or that does not exist is not found (404).
   */
  @Test
  void aPredecessorComesFromTheSameProject() {
    String project = directory.project("alice");
    String other = directory.project("alice");
    String hidden = directory.project("bob");
    String a = planned(project, "Go-live", TODAY.plusDays(30), null);
    String elsewhere = planned(other, "Vendor delivery", TODAY.plusDays(20), null);
    String secret =
        MilestoneApiTest.create(
                as("bob", "MEMBER"),
                MilestoneApiTest.json(hidden, "Secret", TODAY.plusDays(20), null))
            .then()
            .statusCode(201)
            .extract()
            .header("Location");

    depend(a, elsewhere, 0)
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("detail", containsString("another project"));
    depend(a, secret, 0)
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("detail", equalTo("milestone " + id(secret) + " does not exist"));
    given()
        .put(a + "/predecessors/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
    given().get(a + "/predecessors").then().body("predecessors", empty());
  }

  /** If-Match is optional; when sent it must name the successor's current version. */
  @Test
  void aStaleIfMatchIsRefused() {
    String project = directory.project("alice");
    String a = planned(project, "Design review", TODAY.plusDays(10), null);
    String b = planned(project, "Go-live", TODAY.plusDays(5), null);
    depend(given().header("If-Match", "\"7\""), b, a, 2)
        .then()
        .statusCode(412)
        .contentType(PROBLEM);
    given().get(b + "/predecessors").then().body("predecessors", empty());
    // T+10 + 2 moves Go-live from T+5 to T+12: its version goes from 0 to 1
    depend(given().header("If-Match", "\"0\""), b, a, 2)
        .then()
        .statusCode(201)
        .header("ETag", "\"1\"");
    given().header("If-Match", "\"0\"").delete(b + "/predecessors/" + id(a)).then().statusCode(412);
    given().header("If-Match", "\"1\"").delete(b + "/predecessors/" + id(a)).then().statusCode(204);
    assertEquals(TODAY.plusDays(5).toString(), forecast(b));
  }

  /**
   * A VIEWER reads the dependencies but cannot change them (403); an outsider learns nothing of the
   * milestones (404); an EDITOR changes them.
   */
  @Test
  void onlyThoseWhoMayChangeTheProjectChangeItsDependencies() {
    String project = directory.project("alice");
    directory.member(project, "bob", "VIEWER");
    String a = planned(project, "Design review", TODAY.plusDays(10), null);
    String b = planned(project, "Go-live", TODAY.plusDays(20), null);
    depend(b, a, 1).then().statusCode(201);

    depend(as("bob", "MEMBER"), b, a, 3).then().statusCode(403).contentType(PROBLEM);
    as("bob", "MEMBER").delete(b + "/predecessors/" + id(a)).then().statusCode(403);
    as("bob", "MEMBER")
        .get(b + "/predecessors")
        .then()
        .statusCode(200)
        .body("predecessors.lagDays", contains(1));

    depend(as("dave", "MEMBER"), b, a, 3)
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("detail", equalTo("milestone " + id(b) + " does not exist"));
    as("dave", "MEMBER").delete(b + "/predecessors/" + id(a)).then().statusCode(404);
    as("dave", "MEMBER").get(b + "/predecessors").then().statusCode(404);
    as("erin", "PMO").get(b + "/predecessors").then().statusCode(200);
    depend(as("erin", "PMO"), b, a, 3).then().statusCode(403);

    directory.member(project, "bob", "EDITOR");
    depend(as("bob", "MEMBER"), b, a, 3).then().statusCode(200).body("lagDays", equalTo(3));
    given()
        .get(b + "/history")
        .then()
        .body("items.actor", hasItem("bob"))
        .body("items[0].action", equalTo("DEPENDENCY_CHANGED"));
  }
}
