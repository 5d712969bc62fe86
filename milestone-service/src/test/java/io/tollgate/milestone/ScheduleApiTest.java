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
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.tollgate.testing.ProjectDirectoryEvents;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A project's schedule over HTTP: forecasts, slack, critical path and project end. */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "milestone"))
class ScheduleApiTest {

  private static final ProjectDirectoryEvents directory = new ProjectDirectoryEvents("milestone");

  static final String URL = "/api/v1/milestones/schedule";

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  /**
   * A diamond, every milestone planned and forecast for T+10: Start -10-> Long -5-> End and Start
   * -2-> Short -1-> End, beside an unlinked Audit (T+15). Long = T+20, Short = T+12, End =
   * max(T+25, T+13) = T+25, the project end. Short may finish by T+24 (12 days of slack), Start by
   * min(T+20 - 10, T+24 - 2) = T+10 (none); Audit, its own end, by T+25 (10 days). The critical
   * path is Start, Long, End.
   */
  @Test
  void aDiamondsLongerBranchIsTheCriticalPath() {
    String project = directory.project("alice");
    String more = "\"bufferDays\":5";
    String start = planned(project, "Start", TODAY.plusDays(10), more);
    String shortBranch = planned(project, "Short", TODAY.plusDays(10), more);
    String longBranch = planned(project, "Long", TODAY.plusDays(10), more);
    String end = planned(project, "End", TODAY.plusDays(10), more);
    String audit = planned(project, "Audit", TODAY.plusDays(15), more);
    depend(longBranch, start, 10).then().statusCode(201);
    depend(end, longBranch, 5).then().statusCode(201);
    depend(shortBranch, start, 2).then().statusCode(201);
    depend(end, shortBranch, 1).then().statusCode(201);

    ValidatableResponse schedule =
        given().queryParam("projectId", project).get(URL).then().statusCode(200);
    schedule
        .header("ETag", notNullValue())
        .body("projectId", equalTo(project))
        .body("projectEnd", equalTo(TODAY.plusDays(25).toString()))
        .body("criticalPath", contains(id(start), id(longBranch), id(end)))
        .body("milestones.size()", equalTo(5))
        .body("milestones[0].id", equalTo(id(start)))
        .body("milestones[4].id", equalTo(id(end)));
    item(schedule, start, "forecastDate", TODAY.plusDays(10).toString());
    item(schedule, start, "slackDays", 0);
    item(schedule, start, "critical", true);
    item(schedule, start, "status", "PLANNED");
    item(schedule, longBranch, "forecastDate", TODAY.plusDays(20).toString());
    item(schedule, longBranch, "slackDays", 0);
    item(schedule, shortBranch, "forecastDate", TODAY.plusDays(12).toString());
    item(schedule, shortBranch, "slackDays", 12);
    item(schedule, shortBranch, "critical", false);
    item(schedule, end, "forecastDate", TODAY.plusDays(25).toString());
    item(schedule, end, "slackDays", 0);
    item(schedule, audit, "slackDays", 10);
    item(schedule, audit, "critical", false);
    schedule
        .body(path(end, "predecessors.id"), containsInAnyOrder(id(longBranch), id(shortBranch)))
        .body(path(longBranch, "predecessors[0].lagDays"), equalTo(10))
        .body(path(start, "predecessors"), empty());

    // the stored forecasts agree with the schedule's
    given().get(end).then().body("forecastDate", equalTo(TODAY.plusDays(25).toString()));
    String etag = schedule.extract().header("ETag");
    given()
        .header("If-None-Match", etag)
        .queryParam("projectId", project)
        .get(URL)
        .then()
        .statusCode(304);

    // the short branch grows past the long one: it becomes critical, the long one gets slack
    depend(shortBranch, start, 16).then().statusCode(200);
    given()
        .queryParam("projectId", project)
        .get(URL)
        .then()
        .statusCode(200)
        .body("projectEnd", equalTo(TODAY.plusDays(27).toString()))
        .body("criticalPath", contains(id(start), id(shortBranch), id(end)));
  }

  private static String path(String url, String field) {
    return "milestones.find { it.id == '" + id(url) + "' }." + field;
  }

  private static void item(ValidatableResponse schedule, String url, String field, Object value) {
    schedule.body(path(url, field), equalTo(value));
  }

  @Test
  void aProjectWithoutMilestonesHasAnEmptySchedule() {
    String project = directory.project("alice");
    given()
        .queryParam("projectId", project)
        .get(URL)
        .then()
        .statusCode(200)
        .body("projectEnd", nullValue())
        .body("criticalPath", empty())
        .body("milestones", empty());
  }

  @Test
  void theProjectIsRequiredAndMustBeVisible() {
    String project = directory.project("alice");
    directory.member(project, "bob", "VIEWER");
    planned(project, "Go-live", TODAY.plusDays(10), null);
    given()
        .get(URL)
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations.field", contains("projectId"));
    given()
        .queryParam("projectId", "not-an-id")
        .get(URL)
        .then()
        .statusCode(400)
        .body("violations.field", contains("projectId"));
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

  /** operationId: method and path of the schedule's operations. */
  static final Map<String, String> OPERATIONS =
      Map.of(
          "putMilestoneDependency", "PUT /api/v1/milestones/{id}/predecessors/{predecessorId}",
          "deleteMilestoneDependency",
              "DELETE /api/v1/milestones/{id}/predecessors/{predecessorId}",
          "listMilestonePredecessors", "GET /api/v1/milestones/{id}/predecessors",
          "getSchedule", "GET /api/v1/milestones/schedule");

  /**
   * A generated client names its methods after the operationIds; every refusal is documented as a
   * problem, and every body has an example that matches its schema (the cycle refusal's included).
   */
  @Test
  void theScheduleOperationsAreDocumented() {
    JsonNode openapi = document();
    Map<String, JsonNode> operations = byName(openapi);
    OPERATIONS.forEach(
        (id, name) -> {
          JsonNode op = assertDocumented(operations, id, name);
          assertProblem(op, "400", name);
          assertProblem(op, "401", name);
          assertProblem(op, "404", name);
          if (!name.startsWith("GET")) {
            assertProblem(op, "403", name);
            assertProblem(op, "412", name);
          }
        });
    assertProblem(
        operations.get(OPERATIONS.get("putMilestoneDependency")), "409", "putMilestoneDependency");
    assertExamples(
        openapi,
        OPERATIONS.values(),
        "Dependency|DependencyRequest|Predecessors|Schedule|ScheduledMilestone"
            + "|SchedulePredecessor");
  }
}
