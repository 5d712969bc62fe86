package io.tollgate.risk;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tollgate.testing.ProjectDirectoryEvents;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The project-wide reads as a dashboard uses them: the heat map and the exposure answer a digest
 * ETag and 304 to it, the exposure per linked milestone, and what the document says of a change.
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "risk"))
class RiskReadsTest {

  private static final ProjectDirectoryEvents directory = new ProjectDirectoryEvents("risk");

  static final String URL = "/api/v1/risks";
  static final String M1 = "11111111-1111-4111-8111-111111111111";
  static final String M2 = "22222222-2222-4222-8222-222222222222";

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  /** Registers a risk of {@code project} and returns its URL. */
  static String registered(String project, int probability, String more) {
    return given()
        .contentType(ContentType.JSON)
        .body(
            ("{\"projectId\":\"%s\",\"title\":\"Risk %d\",\"category\":\"INTEGRATION\","
                    + "\"probability\":%d,\"impact\":3,%s}")
                .formatted(project, probability, probability, more))
        .post(URL)
        .then()
        .statusCode(201)
        .extract()
        .header("Location");
  }

  @Test
  void theHeatmapAndTheExposureAnswer304WhileNothingChanged() {
    String project = directory.project("alice");
    String risk = registered(project, 3, "\"scheduleImpactDays\":10");
    for (String read : new String[] {"/heatmap", "/exposure"}) {
      String etag =
          given()
              .queryParam("projectId", project)
              .get(URL + read)
              .then()
              .statusCode(200)
              .header("ETag", matchesPattern("\"[0-9a-f]{32}\""))
              .extract()
              .header("ETag");
      given()
          .queryParam("projectId", project)
          .header("If-None-Match", etag)
          .get(URL + read)
          .then()
          .statusCode(304)
          .header("ETag", equalTo(etag))
          .body(emptyString());
      given()
          .queryParam("projectId", project)
          .header("If-None-Match", "\"0123456789abcdef0123456789abcdef\"")
          .get(URL + read)
          .then()
          .statusCode(200);
    }
    String heatmap = tag(project, "/heatmap");
    String exposure = tag(project, "/exposure");

    String version = given().get(risk).then().statusCode(200).extract().header("ETag");
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", version)
        .body("{\"probability\":4}")
        .patch(risk)
        .then()
        .statusCode(200);

    assertNotEquals(heatmap, tag(project, "/heatmap"), "the heat map's ETag after a re-assessment");
    assertNotEquals(
        exposure, tag(project, "/exposure"), "the exposure's ETag after a re-assessment");
    given()
        .queryParam("projectId", project)
        .header("If-None-Match", exposure)
        .get(URL + "/exposure")
        .then()
        .statusCode(200)
        .body("scheduleExposureDays", equalTo("6"));
  }

  private static String tag(String project, String read) {
    return given()
        .queryParam("projectId", project)
        .get(URL + read)
        .then()
        .statusCode(200)
        .extract()
        .header("ETag");
  }

  /**
   * DOMAIN.md's worked example: (3) 10 days on m1 and m2, (5) 4 days on m2, (1) 7 days on m1, (4)
   * 20 days on no milestone, a closed (5) of 100 days on m1 and m2 left out.
   */
  @Test
  void theScheduleExposureIsSplitPerLinkedMilestone() {
    String project = directory.project("alice");
    given()
        .queryParam("projectId", project)
        .get(URL + "/exposure")
        .then()
        .statusCode(200)
        .body("scheduleExposureByMilestone.size()", equalTo(0));
    registered(
        project, 3, "\"scheduleImpactDays\":10,\"milestoneIds\":[\"%s\",\"%s\"]".formatted(M1, M2));
    registered(project, 5, "\"scheduleImpactDays\":4,\"milestoneIds\":[\"%s\"]".formatted(M2));
    registered(project, 1, "\"scheduleImpactDays\":7,\"milestoneIds\":[\"%s\"]".formatted(M1));
    String closed =
        registered(
            project,
            5,
            "\"scheduleImpactDays\":100,\"milestoneIds\":[\"%s\",\"%s\"]".formatted(M1, M2));
    given()
        .contentType(ContentType.JSON)
        .header("If-Match", "\"0\"")
        .body("{\"reason\":\"Gone\"}")
        .post(closed + "/closure")
        .then()
        .statusCode(200);

    // m2: 0.4 x 10 + 0.85 x 4; m1: 0.4 x 10 + 0.05 x 7; total 0.4 x 10 + 0.85 x 4 + 0.05 x 7
    given()
        .queryParam("projectId", project)
        .get(URL + "/exposure")
        .then()
        .statusCode(200)
        .body("openRisks", equalTo(3))
        .body("scheduleExposureDays", equalTo("7.75"))
        .body("scheduleExposureByMilestone.milestoneId", contains(M2, M1))
        .body("scheduleExposureByMilestone.days", contains("7.4", "4.35"));

    // a risk without milestones counts in the total only; a milestone without days is 0, last
    registered(project, 4, "\"scheduleImpactDays\":20");
    String m0 = "00000000-0000-4000-8000-000000000000";
    registered(project, 2, "\"milestoneIds\":[\"%s\",\"%s\"]".formatted(m0, m0));
    String m3 = "33333333-3333-4333-8333-333333333333";
    // equal days: by id
    registered(project, 1, "\"scheduleImpactDays\":87,\"milestoneIds\":[\"%s\"]".formatted(m3));
    given()
        .queryParam("projectId", project)
        .get(URL + "/exposure")
        .then()
        .statusCode(200)
        .body("openRisks", equalTo(6))
        .body("scheduleExposureDays", equalTo("24.1"))
        .body("scheduleExposureByMilestone.milestoneId", contains(M2, M1, m3, m0))
        .body("scheduleExposureByMilestone.days", contains("7.4", "4.35", "4.35", "0"));
  }

  @Test
  void theDocumentSaysWhatAChangeOfAClosedRiskAndAClosureAnswer() throws Exception {
    String project = directory.project("alice");
    String risk = registered(project, 2, "\"scheduleImpactDays\":1");
    given()
        .contentType(ContentType.JSON)
        .header("If-Match", "\"0\"")
        .body("{\"reason\":\"Gone\"}")
        .post(risk + "/closure")
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"");
    // what the document must say: a closed risk is refused, not re-opened
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"1\"")
        .body("{\"probability\":3}")
        .patch(risk)
        .then()
        .statusCode(409);
    given()
        .header("If-Match", "\"1\"")
        .delete(risk + "/closure")
        .then()
        .statusCode(200)
        .header("ETag", "\"2\"");

    JsonNode paths =
        new ObjectMapper()
            .readTree(given().queryParam("format", "json").get("/q/openapi").asString())
            .path("paths");
    String update = paths.path("/api/v1/risks/{id}").path("patch").path("description").asText();
    assertFalse(update.contains("re-opened first"), update);
    assertTrue(update.contains("409") && update.contains("closure"), update);
    JsonNode closure = paths.path("/api/v1/risks/{id}/closure");
    for (String method : new String[] {"post", "delete"}) {
      JsonNode headers = closure.path(method).path("responses").path("200").path("headers");
      assertEquals(
          "#/components/headers/ETag",
          headers.path("ETag").path("$ref").asText(),
          method + " .../closure documents the ETag of its 200");
    }
  }
}
