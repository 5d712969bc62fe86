package io.tollgate.milestone;

import static io.restassured.RestAssured.given;
import static io.tollgate.milestone.DependencyApiTest.depend;
import static io.tollgate.milestone.DependencyApiTest.id;
import static io.tollgate.milestone.MilestoneApiTest.PROBLEM;
import static io.tollgate.milestone.MilestoneApiTest.TODAY;
import static io.tollgate.milestone.MilestoneApiTest.etag;
import static io.tollgate.milestone.MilestoneApiTest.patch;
import static io.tollgate.milestone.MilestoneApiTest.planned;
import static io.tollgate.testing.OpenApiOperations.assertDocumented;
import static io.tollgate.testing.OpenApiOperations.assertExamples;
import static io.tollgate.testing.OpenApiOperations.assertProblem;
import static io.tollgate.testing.OpenApiOperations.byName;
import static io.tollgate.testing.OpenApiOperations.document;
import static io.tollgate.testing.TestTokens.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.tollgate.testing.ProjectDirectoryEvents;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A project's fever chart over HTTP: its point now and one per day it changed (ADR 0029). */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "milestone"))
class FeverChartApiTest {

  private static final ProjectDirectoryEvents directory = new ProjectDirectoryEvents("milestone");

  static final String URL = "/api/v1/milestones/fever-chart";

  @Inject EntityManager em;

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  static ValidatableResponse chart(String project) {
    return given().queryParam("projectId", project).get(URL).then().statusCode(200);
  }

  static void point(ValidatableResponse chart, String completion, String consumption, String zone) {
    chart
        .body("current.completionPercent", equalTo(completion))
        .body("current.consumptionPercent", equalTo(consumption))
        .body("current.zone", equalTo(zone));
  }

  static void complete(String url) {
    given()
        .header("If-Match", etag(url))
        .contentType(ContentType.JSON)
        .body("{}")
        .post(url + "/completion")
        .then()
        .statusCode(200);
  }

  /**
   * A -10-> B -10-> End, planned T+10, T+20, T+30 with buffers 5, 5, 10: all on the critical path.
   * B slips 4 days, which pushes End 4 days (40 % of its buffer), then A and B are completed:
   * completion 0, 1/3, 2/3 moves the lines (15/30, 35/50, 55/70 %) past the same consumption: RED,
   * YELLOW, GREEN.
   */
  @Test
  void slipAndCompletionMoveThePointAndTheDaysLatestValueIsItsHistory() {
    String project = directory.project("alice");
    String a = planned(project, "A", TODAY.plusDays(10), "\"bufferDays\":5");
    String b = planned(project, "B", TODAY.plusDays(20), "\"bufferDays\":5");
    String end = planned(project, "End", TODAY.plusDays(30), "\"bufferDays\":10");
    depend(b, a, 10).then().statusCode(201);
    depend(end, b, 10).then().statusCode(201);

    ValidatableResponse chart = chart(project);
    point(chart, "0.00", "0.00", "GREEN");
    chart
        .header("ETag", notNullValue())
        .body("projectId", equalTo(project))
        .body("current.at", notNullValue())
        .body("current.projectEndMilestoneId", equalTo(id(end)))
        .body("current.criticalPathMilestoneIds", contains(id(a), id(b), id(end)))
        .body("current.completedMilestones", equalTo(0))
        .body("history.size()", equalTo(1))
        .body("history[0].on", equalTo(TODAY.toString()));
    String etag = chart.extract().header("ETag");
    given()
        .header("If-None-Match", etag)
        .queryParam("projectId", project)
        .get(URL)
        .then()
        .statusCode(304);

    // B's forecast 4 days late pushes End along the dependency: its buffer is the project's
    patch(b, etag(b), "{\"forecastDate\":\"%s\"}".formatted(TODAY.plusDays(24)))
        .then()
        .statusCode(200);
    chart = chart(project);
    point(chart, "0.00", "40.00", "RED");
    chart.body("current.slipDays", equalTo(4)).body("current.bufferDays", equalTo(10));
    // the old ETag no longer matches
    given()
        .header("If-None-Match", etag)
        .queryParam("projectId", project)
        .get(URL)
        .then()
        .statusCode(200);

    // End's team takes the date over, so that completing B early leaves it where it is
    patch(end, etag(end), "{\"forecastDate\":\"%s\"}".formatted(TODAY.plusDays(34)))
        .then()
        .statusCode(200);
    complete(a);
    point(chart(project), "33.33", "40.00", "YELLOW");
    complete(b);
    chart = chart(project);
    point(chart, "66.67", "40.00", "GREEN");
    // A and B finished early and have slack now, but stay on the path as work done
    chart
        .body("current.criticalPathMilestoneIds", contains(id(a), id(b), id(end)))
        .body("current.completedMilestones", equalTo(2))
        .body("history.size()", equalTo(1))
        .body("history[0].on", equalTo(TODAY.toString()))
        .body("history[0].completionPercent", equalTo("66.67"))
        .body("history[0].consumptionPercent", equalTo("40.00"))
        .body("history[0].zone", equalTo("GREEN"));
  }

  @Test
  void anEarlierDaysPointStaysBesideTodaysAfterAChangeToday() {
    String project = directory.project("alice");
    String end = planned(project, "Go-live", TODAY.plusDays(30), "\"bufferDays\":10");
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "update fever_point set on_day = on_day - 1, completion_percent = 0,"
                            + " consumption_percent = 10, zone = 'GREEN' where project_id = :p")
                    .setParameter("p", UUID.fromString(project))
                    .executeUpdate());
    chart(project)
        .body("history.size()", equalTo(1))
        .body("history[0].on", equalTo(TODAY.minusDays(1).toString()));

    patch(end, etag(end), "{\"forecastDate\":\"%s\"}".formatted(TODAY.plusDays(32)))
        .then()
        .statusCode(200);
    ValidatableResponse chart = chart(project);
    point(chart, "0.00", "20.00", "YELLOW");
    chart
        .body("history.on", contains(TODAY.minusDays(1).toString(), TODAY.toString()))
        .body("history.consumptionPercent", contains("10.00", "20.00"))
        .body("history.zone", contains("GREEN", "YELLOW"))
        .body("history.completionPercent", contains("0.00", "0.00"));
  }

  @Test
  void aSlipWithoutABufferIsAllOfItAndRed() {
    String project = directory.project("alice");
    planned(
        project,
        "Go-live",
        TODAY.plusDays(30),
        "\"forecastDate\":\"%s\"".formatted(TODAY.plusDays(31)));
    point(chart(project), "0.00", "100.00", "RED");
  }

  @Test
  void aProjectWithoutMilestonesHasNoPointAndTheDayOfItsLastMilestonesDeletionNone() {
    String project = directory.project("alice");
    chart(project).body("projectId", equalTo(project)).body("current", nullValue());
    chart(project).body("history", empty());

    String only = planned(project, "Only", TODAY.plusDays(10), null);
    chart(project).body("history.size()", equalTo(1));
    given().header("If-Match", etag(only)).delete(only).then().statusCode(204);
    chart(project).body("current", nullValue()).body("history", empty());
  }

  @Test
  void onlyThoseWhoMayReadTheProjectSeeItsFeverChart() {
    String project = directory.project("alice");
    directory.member(project, "bob", "VIEWER");
    planned(project, "Go-live", TODAY.plusDays(10), null);
    as("bob", "MEMBER")
        .queryParam("projectId", project)
        .get(URL)
        .then()
        .statusCode(200)
        .body("current.zone", equalTo("GREEN"));
    as("dave", "MEMBER")
        .queryParam("projectId", project)
        .get(URL)
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("detail", equalTo("project " + project + " does not exist"));
    as("carol", "ADMIN").queryParam("projectId", UUID.randomUUID()).get(URL).then().statusCode(404);
  }

  @Test
  void theProjectIsRequiredAndThePathIsNotAMilestoneId() {
    given()
        .get(URL)
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations[0].field", equalTo("projectId"))
        .body("violations[0].message", equalTo("is required"));
    given()
        .queryParam("projectId", "nope")
        .get(URL)
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("projectId"));
  }

  @Test
  void theFeverChartIsDocumented() {
    JsonNode openapi = document();
    String name = "GET " + URL;
    JsonNode op = assertDocumented(byName(openapi), "getFeverChart", name);
    assertProblem(op, "400", name);
    assertProblem(op, "401", name);
    assertProblem(op, "404", name);
    assertExamples(openapi, List.of(name), "FeverChart|FeverChartCurrent|FeverChartPoint");
  }
}
