package io.tollgate.risk;

import static io.restassured.RestAssured.given;
import static io.tollgate.testing.TestTokens.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.tollgate.testing.ProjectDirectoryEvents;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Risks over HTTP: registered, read, listed, re-assessed, closed and re-opened. */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "risk"))
class RiskApiTest {

  private static final ProjectDirectoryEvents directory = new ProjectDirectoryEvents("risk");

  static final String URL = "/api/v1/risks";
  static final String PROBLEM = "application/problem+json";
  static final String MILESTONE = "9a3e1f44-5c2b-4d7a-8e61-7b2c9d0e4f13";

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  static LocalDate today() {
    return LocalDate.now(ZoneOffset.UTC);
  }

  static String json(String projectId, String title, int probability, int impact, String more) {
    return "{\"projectId\":\"%s\",\"title\":\"%s\",\"category\":\"INTEGRATION\",\"probability\":%d,\"impact\":%d%s}"
        .formatted(projectId, title, probability, impact, more == null ? "" : "," + more);
  }

  static Response create(RequestSpecification request, String body) {
    return request.contentType(ContentType.JSON).body(body).post(URL);
  }

  static Response create(String projectId, String title, int probability, int impact, String more) {
    return create(given(), json(projectId, title, probability, impact, more));
  }

  /** Registers a risk and returns its URL. */
  static String registered(
      String projectId, String title, int probability, int impact, String more) {
    return create(projectId, title, probability, impact, more)
        .then()
        .statusCode(201)
        .extract()
        .header("Location");
  }

  static String id(String url) {
    return url.substring(url.lastIndexOf('/') + 1);
  }

  static Response patch(String url, String etag, String body) {
    RequestSpecification request = given().contentType("application/merge-patch+json").body(body);
    if (etag != null) {
      request.header("If-Match", etag);
    }
    return request.patch(url);
  }

  static Response close(String url, String etag, String reason) {
    RequestSpecification request =
        given()
            .contentType(ContentType.JSON)
            .body(reason == null ? "{}" : "{\"reason\":\"%s\"}".formatted(reason));
    if (etag != null) {
      request.header("If-Match", etag);
    }
    return request.post(url + "/closure");
  }

  @Test
  void aRiskIsRegisteredAndReadBack() {
    String project = directory.project("alice");
    Response created =
        create(
            project,
            "Legacy CRM export is incomplete",
            4,
            5,
            ("\"description\":\"Only 80%% of accounts\",\"owner\":\"bob\",\"strategy\":\"MITIGATE\","
                    + "\"costImpact\":\"40000.00\",\"scheduleImpactDays\":15,\"milestoneIds\":[\"%s\"],"
                    + "\"residualProbability\":2,\"residualImpact\":4")
                .formatted(MILESTONE));
    created
        .then()
        .statusCode(201)
        .header("Location", containsString(URL + "/"))
        .header("ETag", "\"0\"")
        .body("projectId", equalTo(project))
        .body("title", equalTo("Legacy CRM export is incomplete"))
        .body("description", equalTo("Only 80% of accounts"))
        .body("category", equalTo("INTEGRATION"))
        .body("probability", equalTo(4))
        .body("impact", equalTo(5))
        .body("score", equalTo(20))
        .body("level", equalTo("CRITICAL"))
        .body("chance", equalTo("0.6"))
        .body("owner", equalTo("bob"))
        .body("strategy", equalTo("MITIGATE"))
        .body("costImpact", equalTo("40000"))
        .body("scheduleImpactDays", equalTo(15))
        .body("milestoneIds", contains(MILESTONE))
        .body("residualProbability", equalTo(2))
        .body("residualImpact", equalTo(4))
        .body("residualScore", equalTo(8))
        .body("residualLevel", equalTo("MEDIUM"))
        .body("status", equalTo("OPEN"))
        .body("closedReason", nullValue())
        .body("nextReviewDate", equalTo(today().plusDays(7).toString()))
        .body("reviewOverdue", equalTo(false))
        .body("version", equalTo(0));
    String url = created.header("Location");
    assertEquals(URL + "/" + created.path("id"), url.substring(url.indexOf(URL)));
    given()
        .get(url)
        .then()
        .statusCode(200)
        .header("ETag", "\"0\"")
        .body("id", equalTo(created.path("id")))
        .body("costImpact", equalTo("40000"))
        .body("lastAssessedAt", equalTo(created.path("lastAssessedAt")))
        .body("createdAt", equalTo(created.path("createdAt")));
    given().header("If-None-Match", "\"0\"").get(url).then().statusCode(304);
    given()
        .get(url + "/assessments")
        .then()
        .statusCode(200)
        .body("totalItems", equalTo(1))
        .body("items[0].probability", equalTo(4))
        .body("items[0].impact", equalTo(5))
        .body("items[0].score", equalTo(20))
        .body("items[0].level", equalTo("CRITICAL"))
        .body("items[0].residualScore", equalTo(8))
        .body("items[0].residualLevel", equalTo("MEDIUM"))
        .body("items[0].assessedBy", equalTo("alice"))
        .body("items[0].assessedAt", equalTo(created.path("lastAssessedAt")))
        .body("items[0].reason", equalTo("identified"));
  }

  @Test
  void leftOutFieldsStayEmpty() {
    String project = directory.project("alice");
    create(project, "Bare", 1, 1, null)
        .then()
        .statusCode(201)
        .body("description", nullValue())
        .body("owner", nullValue())
        .body("strategy", nullValue())
        .body("costImpact", nullValue())
        .body("scheduleImpactDays", nullValue())
        .body("milestoneIds", empty())
        .body("residualProbability", nullValue())
        .body("residualScore", nullValue())
        .body("residualLevel", nullValue())
        .body("chance", equalTo("0.05"));
  }

  /** The default matrix at each level's edges, with each level's review interval. */
  @Test
  void scoreLevelAndReviewDateAtEveryBoundary() {
    String project = directory.project("alice");
    int[][] cases = {{1, 1}, {1, 4}, {1, 5}, {3, 3}, {2, 5}, {3, 5}, {4, 4}, {5, 5}};
    String[] levels = {"LOW", "LOW", "MEDIUM", "MEDIUM", "HIGH", "HIGH", "CRITICAL", "CRITICAL"};
    int[] review = {90, 90, 30, 30, 14, 14, 7, 7};
    for (int i = 0; i < cases.length; i++) {
      int p = cases[i][0];
      int impact = cases[i][1];
      create(
              project,
              "P" + p + "I" + impact,
              p,
              impact,
              "\"residualProbability\":%d,\"residualImpact\":%d".formatted(p, impact))
          .then()
          .statusCode(201)
          .body("score", equalTo(p * impact))
          .body("level", equalTo(levels[i]))
          .body("residualScore", equalTo(p * impact))
          .body("residualLevel", equalTo(levels[i]))
          .body("nextReviewDate", equalTo(today().plusDays(review[i]).toString()))
          .body("reviewOverdue", equalTo(false));
    }
  }

  @Test
  void aReviewIsOverdueOnceItsIntervalHasPassed() throws Exception {
    String project = directory.project("alice");
    String critical = registered(project, "Critical", 4, 4, null);
    String high = registered(project, "High", 2, 5, null);
    // assessed 8 and 14 days ago: the critical one was due yesterday, the high one is due today
    directory.update(
        "update risk set last_assessed_at = now() - interval '8 days' where id = ?",
        UUID.fromString(id(critical)));
    directory.update(
        "update risk set last_assessed_at = now() - interval '14 days' where id = ?",
        UUID.fromString(id(high)));
    given()
        .get(critical)
        .then()
        .body("nextReviewDate", equalTo(today().minusDays(1).toString()))
        .body("reviewOverdue", equalTo(true));
    given()
        .get(high)
        .then()
        .body("nextReviewDate", equalTo(today().toString()))
        .body("reviewOverdue", equalTo(false));
    // a re-assessment restarts the interval
    patch(critical, "\"0\"", "{\"impact\":5}")
        .then()
        .statusCode(200)
        .body("nextReviewDate", equalTo(today().plusDays(7).toString()))
        .body("reviewOverdue", equalTo(false));
    // a closed risk is not reviewed
    close(high, "\"0\"", "Gone")
        .then()
        .statusCode(200)
        .body("nextReviewDate", nullValue())
        .body("reviewOverdue", equalTo(false));
  }

  @Test
  void aProjectsRisksAreListedByScoreFilteredAndPaged() {
    String project = directory.project("alice");
    String other = directory.project("alice");
    registered(other, "Elsewhere", 5, 5, null);
    registered(project, "B high", 3, 4, null);
    registered(project, "A high", 4, 3, null);
    registered(project, "Critical", 5, 4, "\"strategy\":\"AVOID\"");
    registered(project, "Low", 1, 2, null);
    String closed = registered(project, "Medium closed", 2, 3, null);
    close(closed, "\"0\"", "Vendor fixed it").then().statusCode(200);
    create(
            given(),
            "{\"projectId\":\"%s\",\"title\":\"Security\",\"category\":\"SECURITY\",\"probability\":1,\"impact\":5}"
                .formatted(project))
        .then()
        .statusCode(201);

    given()
        .queryParam("projectId", project)
        .get(URL)
        .then()
        .statusCode(200)
        .body("totalItems", equalTo(6))
        .body(
            "items.title",
            contains("Critical", "A high", "B high", "Medium closed", "Security", "Low"));
    given()
        .queryParam("projectId", project)
        .queryParam("size", 2)
        .queryParam("page", 1)
        .get(URL)
        .then()
        .body("items.title", contains("B high", "Medium closed"))
        .body("totalItems", equalTo(6))
        .body("totalPages", equalTo(3));
    given()
        .queryParam("projectId", project)
        .queryParam("status", "OPEN")
        .queryParam("level", "MEDIUM")
        .get(URL)
        .then()
        .body("items.title", contains("Security"));
    given()
        .queryParam("projectId", project)
        .queryParam("status", "CLOSED")
        .get(URL)
        .then()
        .body("items.title", contains("Medium closed"));
    given()
        .queryParam("projectId", project)
        .queryParam("level", "HIGH")
        .queryParam("level", "LOW")
        .get(URL)
        .then()
        .body("items.title", contains("A high", "B high", "Low"));
    given()
        .queryParam("projectId", project)
        .queryParam("category", "SECURITY")
        .get(URL)
        .then()
        .body("items.title", contains("Security"));
    given()
        .queryParam("projectId", project)
        .queryParam("category", "VENDOR")
        .get(URL)
        .then()
        .body("totalItems", equalTo(0));
  }

  @Test
  void aListNeedsAProjectAndValidFilters() {
    given()
        .get(URL)
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations.field", contains("projectId"));
    given()
        .queryParam("projectId", "not-an-id")
        .queryParam("status", "DONE")
        .queryParam("level", "SEVERE")
        .queryParam("category", "WEATHER")
        .queryParam("size", 500)
        .get(URL)
        .then()
        .statusCode(400)
        .body("violations.field", contains("category", "level", "projectId", "size", "status"));
    // a project the directory does not know, and one the caller is no member of: the same 404
    given()
        .queryParam("projectId", UUID.randomUUID())
        .get(URL)
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
    String project = directory.project("alice");
    as("dave", "MEMBER").queryParam("projectId", project).get(URL).then().statusCode(404);
    as("erin", "PMO").queryParam("projectId", project).get(URL).then().statusCode(200);
    as("carol", "ADMIN").queryParam("projectId", UUID.randomUUID()).get(URL).then().statusCode(404);
  }

  @Test
  void anInvalidRiskIsRefusedWithEveryViolation() {
    String project = directory.project("alice");
    create(
            given(),
            ("{\"projectId\":\"%s\",\"title\":\" \",\"probability\":0,\"impact\":6,"
                    + "\"description\":\"%s\",\"owner\":\" \",\"strategy\":\"PRAY\","
                    + "\"costImpact\":\"-1\",\"scheduleImpactDays\":-1,\"residualProbability\":2}")
                .formatted(project, "x".repeat(4001)))
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body(
            "violations.field",
            containsInAnyOrder(
                "title",
                "category",
                "probability",
                "impact",
                "description",
                "owner",
                "strategy",
                "costImpact",
                "scheduleImpactDays",
                "residualImpact"));
    create(project, "Cost", 1, 1, "\"costImpact\":1234567890123456")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("costImpact"))
        .body("violations[0].message", containsString("15 integer digits"));
    create(project, "Cost", 1, 1, "\"costImpact\":\"1.23456\"")
        .then()
        .statusCode(400)
        .body("violations[0].message", containsString("4 decimals"));
    create(project, "Residual", 1, 1, "\"residualImpact\":6,\"residualProbability\":0")
        .then()
        .statusCode(400)
        .body("violations.field", containsInAnyOrder("residualImpact", "residualProbability"));
    create(project, "Milestones", 1, 1, "\"milestoneIds\":[\"not-an-id\"]").then().statusCode(400);
    create(project, "Score", 1, 1, "\"score\":25").then().statusCode(400).contentType(PROBLEM);
    create(given(), json(project, "x".repeat(301), 1, 1, null))
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("title"));
    // the largest cost it takes, exactly, from a JSON number; the longest title
    create(project, "x".repeat(300), 1, 1, "\"costImpact\":123456789012345.1234")
        .then()
        .statusCode(201)
        .body("costImpact", equalTo("123456789012345.1234"));
    given().queryParam("projectId", project).get(URL).then().body("totalItems", equalTo(1));
  }

  @Test
  void aRiskIsRegisteredOnlyForAnActiveProjectTheCallerMayChange() {
    create(UUID.randomUUID().toString(), "Nowhere", 1, 1, null)
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
    create(as("carol", "ADMIN"), json(UUID.randomUUID().toString(), "Nowhere", 1, 1, null))
        .then()
        .statusCode(404);
    String project = directory.project("alice");
    directory.member(project, "bob", "VIEWER");
    create(as("dave", "MEMBER"), json(project, "Stranger", 1, 1, null)).then().statusCode(404);
    create(as("bob", "MEMBER"), json(project, "Viewer", 1, 1, null))
        .then()
        .statusCode(403)
        .contentType(PROBLEM);
    create(as("erin", "PMO"), json(project, "Portfolio office", 1, 1, null)).then().statusCode(403);
    create(as("carol", "ADMIN"), json(project, "Admin", 1, 1, null)).then().statusCode(201);
    directory.member(project, "bob", "EDITOR");
    create(as("bob", "MEMBER"), json(project, "Editor", 1, 1, null)).then().statusCode(201);
    directory.archive(project);
    create(project, "Too late", 1, 1, null)
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("detail", containsString("archived"));
  }

  @Test
  void aRiskIsHiddenFromCallersWhoMayNotReadItsProject() {
    String project = directory.project("alice");
    directory.member(project, "bob", "VIEWER");
    String url = registered(project, "Hidden", 3, 3, null);
    String missing =
        as("dave", "MEMBER")
            .get(URL + "/" + UUID.randomUUID())
            .then()
            .statusCode(404)
            .extract()
            .path("title");
    as("dave", "MEMBER")
        .get(url)
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("title", equalTo(missing))
        .body("detail", containsString("risk"));
    as("dave", "MEMBER").get(url + "/assessments").then().statusCode(404);
    as("dave", "MEMBER")
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"title\":\"Mine now\"}")
        .patch(url)
        .then()
        .statusCode(404);
    as("dave", "MEMBER")
        .contentType(ContentType.JSON)
        .header("If-Match", "\"0\"")
        .body("{\"reason\":\"x\"}")
        .post(url + "/closure")
        .then()
        .statusCode(404);
    as("dave", "MEMBER")
        .queryParam("projectId", project)
        .get(URL + "/heatmap")
        .then()
        .statusCode(404);
    as("dave", "MEMBER")
        .queryParam("projectId", project)
        .get(URL + "/exposure")
        .then()
        .statusCode(404);
    as("bob", "MEMBER").get(url).then().statusCode(200);
    as("bob", "MEMBER").get(url + "/assessments").then().statusCode(200);
    as("bob", "MEMBER")
        .queryParam("projectId", project)
        .get(URL + "/heatmap")
        .then()
        .statusCode(200);
    as("bob", "MEMBER")
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"title\":\"Mine now\"}")
        .patch(url)
        .then()
        .statusCode(403)
        .contentType(PROBLEM);
    as("bob", "MEMBER")
        .contentType(ContentType.JSON)
        .header("If-Match", "\"0\"")
        .body("{\"reason\":\"x\"}")
        .post(url + "/closure")
        .then()
        .statusCode(403);
    as("bob", "MEMBER").header("If-Match", "\"0\"").delete(url + "/closure").then().statusCode(403);
    given().get(url).then().body("title", equalTo("Hidden")).body("version", equalTo(0));
  }

  @Test
  void aChangeNeedsTheCurrentETagAndAReassessmentIsRecorded() {
    String project = directory.project("alice");
    String url = registered(project, "Vendor late", 2, 3, "\"costImpact\":\"100.5\"");
    patch(url, null, "{\"title\":\"Renamed\"}").then().statusCode(428).contentType(PROBLEM);
    patch(url, "\"7\"", "{\"title\":\"Renamed\"}").then().statusCode(412).contentType(PROBLEM);
    patch(url, "\"0\"", "{\"projectId\":\"%s\",\"probability\":6}".formatted(UUID.randomUUID()))
        .then()
        .statusCode(400)
        .body("violations.field", containsInAnyOrder("probability", "projectId"));
    patch(url, "\"0\"", "{\"residualProbability\":2}")
        .then()
        .statusCode(400)
        .body("violations.field", contains("residualImpact"));
    patch(url, "\"0\"", "{\"score\":25}").then().statusCode(400);
    given().get(url).then().body("version", equalTo(0)).body("score", equalTo(6));

    // a change that re-assesses nothing is not an assessment
    patch(
            url,
            "\"0\"",
            ("{\"title\":\"Vendor delivers late\",\"owner\":\"bob\",\"strategy\":\"TRANSFER\","
                    + "\"category\":\"VENDOR\",\"milestoneIds\":[\"%s\"],\"costImpact\":null,"
                    + "\"description\":\"Contract penalty\"}")
                .formatted(MILESTONE))
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"")
        .body("title", equalTo("Vendor delivers late"))
        .body("owner", equalTo("bob"))
        .body("strategy", equalTo("TRANSFER"))
        .body("category", equalTo("VENDOR"))
        .body("milestoneIds", contains(MILESTONE))
        .body("costImpact", nullValue())
        .body("description", equalTo("Contract penalty"))
        .body("score", equalTo(6));
    given().get(url + "/assessments").then().body("totalItems", equalTo(1));
    // the same values again change nothing
    patch(url, "\"1\"", "{\"title\":\"Vendor delivers late\",\"probability\":2}")
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"");

    String assessedBefore = given().get(url).path("lastAssessedAt");
    patch(url, "\"1\"", "{\"probability\":4,\"impact\":4,\"milestoneIds\":null}")
        .then()
        .statusCode(200)
        .header("ETag", "\"2\"")
        .body("score", equalTo(16))
        .body("level", equalTo("CRITICAL"))
        .body("chance", equalTo("0.6"))
        .body("milestoneIds", empty())
        .body("lastAssessedAt", not(equalTo(assessedBefore)));
    patch(url, "\"2\"", "{\"residualProbability\":1,\"residualImpact\":4}")
        .then()
        .statusCode(200)
        .body("residualScore", equalTo(4))
        .body("residualLevel", equalTo("LOW"));
    patch(url, "\"3\"", "{\"costImpact\":123456789012345.1234}")
        .then()
        .statusCode(200)
        .body("costImpact", equalTo("123456789012345.1234"));
    given()
        .get(url + "/assessments")
        .then()
        .body("totalItems", equalTo(3))
        .body("items.score", contains(6, 16, 16))
        .body("items.level", contains("MEDIUM", "CRITICAL", "CRITICAL"))
        .body("items.residualScore", contains(null, null, 4))
        .body(
            "items.reason",
            contains(
                "identified",
                "probability 2 -> 4, impact 3 -> 4",
                "residualProbability none -> 1, residualImpact none -> 4"));
  }

  @Test
  void aRiskIsClosedAndReopened() {
    String project = directory.project("alice");
    String url = registered(project, "Key engineer leaves", 3, 4, null);
    close(url, null, "Hired a second one").then().statusCode(428);
    close(url, "\"0\"", null).then().statusCode(400).body("violations.field", contains("reason"));
    close(url, "\"0\"", "Hired a second one")
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"")
        .body("status", equalTo("CLOSED"))
        .body("closedReason", equalTo("Hired a second one"))
        .body("score", equalTo(12));
    close(url, "\"1\"", "Again").then().statusCode(409).contentType(PROBLEM);
    patch(url, "\"1\"", "{\"probability\":1}")
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("detail", containsString("/closure"));
    given().delete(url + "/closure").then().statusCode(428);
    given().header("If-Match", "\"0\"").delete(url + "/closure").then().statusCode(412);
    given()
        .header("If-Match", "\"1\"")
        .delete(url + "/closure")
        .then()
        .statusCode(200)
        .header("ETag", "\"2\"")
        .body("status", equalTo("OPEN"))
        .body("closedReason", nullValue());
    given().header("If-Match", "\"2\"").delete(url + "/closure").then().statusCode(409);
    patch(url, "\"2\"", "{\"probability\":1}").then().statusCode(200).body("score", equalTo(4));
  }

  /**
   * A worked example: open risks (4, 5) costing 40000 over 15 days, (2, 3) costing 2500 over 4
   * days, (5, 1) of 10 days and no cost, (1, 1) costing 0.0001; a closed (5, 5) is left out.
   */
  @Test
  void theHeatmapAndTheExposureSumTheOpenRisks() {
    String project = directory.project("alice");
    given()
        .queryParam("projectId", project)
        .get(URL + "/exposure")
        .then()
        .statusCode(200)
        .body("openRisks", equalTo(0))
        .body("costExposure", equalTo("0"))
        .body("scheduleExposureDays", equalTo("0"));
    String critical =
        registered(project, "Critical", 4, 5, "\"costImpact\":40000,\"scheduleImpactDays\":15");
    String medium =
        registered(project, "Medium", 2, 3, "\"costImpact\":\"2500\",\"scheduleImpactDays\":4");
    String likely = registered(project, "Likely", 5, 1, "\"scheduleImpactDays\":10");
    String tiny = registered(project, "Tiny", 1, 1, "\"costImpact\":\"0.0001\"");
    String closed =
        registered(project, "Closed", 5, 5, "\"costImpact\":1000000,\"scheduleImpactDays\":100");
    close(closed, "\"0\"", "Done").then().statusCode(200);
    registered(directory.project("alice"), "Elsewhere", 5, 5, "\"costImpact\":1");

    // 0.6 x 40000 + 0.2 x 2500 + 0.05 x 0.0001; 0.6 x 15 + 0.2 x 4 + 0.85 x 10
    given()
        .queryParam("projectId", project)
        .get(URL + "/exposure")
        .then()
        .statusCode(200)
        .body("projectId", equalTo(project))
        .body("openRisks", equalTo(4))
        .body("costExposure", equalTo("24500.000005"))
        .body("scheduleExposureDays", equalTo("18.3"));

    Response heatmap = given().queryParam("projectId", project).get(URL + "/heatmap");
    heatmap
        .then()
        .statusCode(200)
        .body("projectId", equalTo(project))
        .body("openRisks", equalTo(4))
        .body("cells.size()", equalTo(25))
        .body("totals.LOW", equalTo(1))
        .body("totals.MEDIUM", equalTo(2))
        .body("totals.HIGH", equalTo(0))
        .body("totals.CRITICAL", equalTo(1))
        .body("cells[0].probability", equalTo(1))
        .body("cells[0].impact", equalTo(1))
        .body("cells[0].riskIds", contains(id(tiny)))
        .body("cells[7].probability", equalTo(2))
        .body("cells[7].impact", equalTo(3))
        .body("cells[7].score", equalTo(6))
        .body("cells[7].level", equalTo("MEDIUM"))
        .body("cells[7].count", equalTo(1))
        .body("cells[7].riskIds", contains(id(medium)))
        .body("cells[19].probability", equalTo(4))
        .body("cells[19].impact", equalTo(5))
        .body("cells[19].level", equalTo("CRITICAL"))
        .body("cells[19].riskIds", contains(id(critical)))
        .body("cells[20].probability", equalTo(5))
        .body("cells[20].impact", equalTo(1))
        .body("cells[20].riskIds", contains(id(likely)))
        .body("cells[24].count", equalTo(0))
        .body("cells[24].riskIds", empty());
    given()
        .get(URL + "/heatmap")
        .then()
        .statusCode(400)
        .body("violations.field", contains("projectId"));
    given()
        .queryParam("projectId", UUID.randomUUID())
        .get(URL + "/exposure")
        .then()
        .statusCode(404);
  }

  @Test
  void aRetriedCreateWithItsIdempotencyKeyRegistersOnce() {
    String project = directory.project("alice");
    String key = UUID.randomUUID().toString();
    String body = json(project, "Once", 2, 2, null);
    Response first =
        given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).post(URL);
    first.then().statusCode(201);
    given()
        .header("Idempotency-Key", key)
        .contentType(ContentType.JSON)
        .body(body)
        .post(URL)
        .then()
        .statusCode(201)
        .header("Idempotent-Replayed", "true")
        .header("Location", equalTo(first.header("Location")))
        .body("id", equalTo(first.path("id")));
    given()
        .header("Idempotency-Key", key)
        .contentType(ContentType.JSON)
        .body(json(project, "Twice", 2, 2, null))
        .post(URL)
        .then()
        .statusCode(422);
    given()
        .queryParam("projectId", project)
        .get(URL)
        .then()
        .body("totalItems", equalTo(1))
        .body("items.title", hasItem("Once"))
        .body("items.title", not(hasItem("Twice")));
  }
}
