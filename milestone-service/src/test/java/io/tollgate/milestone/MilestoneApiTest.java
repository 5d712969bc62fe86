package io.tollgate.milestone;

import static io.restassured.RestAssured.given;
import static io.tollgate.testing.TestTokens.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
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

/** Milestones over HTTP: planned, read, listed, changed, completed, re-baselined, deleted. */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "milestone"))
class MilestoneApiTest {

  private static final ProjectDirectoryEvents directory = new ProjectDirectoryEvents("milestone");

  static final String URL = "/api/v1/milestones";
  static final String PROBLEM = "application/problem+json";
  static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  static String json(String projectId, String name, LocalDate planned, String more) {
    return "{\"projectId\":\"%s\",\"name\":\"%s\",\"kind\":\"SECURITY_AUDIT\",\"plannedDate\":\"%s\"%s}"
        .formatted(projectId, name, planned, more == null ? "" : "," + more);
  }

  static Response create(RequestSpecification request, String body) {
    return request.contentType(ContentType.JSON).body(body).post(URL);
  }

  static Response create(String projectId, String name, LocalDate planned, String more) {
    return create(given(), json(projectId, name, planned, more));
  }

  /** Plans a milestone and returns its URL. */
  static String planned(String projectId, String name, LocalDate planned, String more) {
    return create(projectId, name, planned, more)
        .then()
        .statusCode(201)
        .extract()
        .header("Location");
  }

  static String etag(String url) {
    return given().get(url).then().statusCode(200).extract().header("ETag");
  }

  static Response patch(String url, String etag, String body) {
    RequestSpecification request = given().contentType("application/merge-patch+json").body(body);
    if (etag != null) {
      request.header("If-Match", etag);
    }
    return request.patch(url);
  }

  @Test
  void aMilestoneIsPlannedAndReadBack() {
    String project = directory.project("alice");
    LocalDate planned = TODAY.plusDays(100);
    Response created =
        create(
            project,
            "Penetration test",
            planned,
            "\"bufferDays\":10,\"forecastDate\":\"%s\",\"plannedValue\":\"25000.00\",\"description\":\"External firm\""
                .formatted(planned.plusDays(4)));
    created
        .then()
        .statusCode(201)
        .header("Location", containsString(URL + "/"))
        .header("ETag", "\"0\"")
        .body("projectId", equalTo(project))
        .body("name", equalTo("Penetration test"))
        .body("description", equalTo("External firm"))
        .body("kind", equalTo("SECURITY_AUDIT"))
        .body("status", equalTo("PLANNED"))
        .body("plannedDate", equalTo(planned.toString()))
        .body("bufferDays", equalTo(10))
        .body("ownForecastDate", equalTo(planned.plusDays(4).toString()))
        .body("forecastDate", equalTo(planned.plusDays(4).toString()))
        .body("actualDate", nullValue())
        .body("slipDays", equalTo(4))
        .body("varianceDays", equalTo(4))
        .body("bufferConsumption", equalTo("0.4000"))
        .body("zone", equalTo("AT_RISK"))
        .body("plannedValue", equalTo("25000"))
        .body("version", equalTo(0));
    String url = created.header("Location");
    assertEquals(URL + "/" + created.path("id"), url.substring(url.indexOf(URL)));
    given()
        .get(url)
        .then()
        .statusCode(200)
        .header("ETag", "\"0\"")
        .body("id", equalTo(created.path("id")))
        .body("plannedValue", equalTo("25000"))
        .body("createdAt", equalTo(created.path("createdAt")));
    given().header("If-None-Match", "\"0\"").get(url).then().statusCode(304);
    given()
        .get(url + "/baselines")
        .then()
        .statusCode(200)
        .body("totalItems", equalTo(1))
        .body("items[0].plannedDate", equalTo(planned.toString()))
        .body("items[0].reason", equalTo("initial baseline"))
        .body("items[0].takenBy", equalTo("alice"));
  }

  @Test
  void leftOutFieldsTakeTheirDefaults() {
    String project = directory.project("alice");
    LocalDate planned = TODAY.plusDays(30);
    create(project, "Go-live", planned, null)
        .then()
        .statusCode(201)
        .body("bufferDays", equalTo(0))
        .body("forecastDate", equalTo(planned.toString()))
        .body("ownForecastDate", equalTo(planned.toString()))
        .body("description", nullValue())
        .body("plannedValue", nullValue())
        .body("slipDays", equalTo(0))
        .body("bufferConsumption", nullValue())
        .body("zone", equalTo("ON_TRACK"))
        .body("status", equalTo("PLANNED"));
  }

  /** DOMAIN.md's worked examples of slip, buffer consumption, zone and status. */
  @Test
  void statusSlipAndZoneFollowFromTheDates() {
    String project = directory.project("alice");
    LocalDate planned = TODAY.plusDays(60);
    String forecast = "\"bufferDays\":%d,\"forecastDate\":\"%s\"";
    create(project, "Slip 3 of 10", planned, forecast.formatted(10, planned.plusDays(3)))
        .then()
        .body("slipDays", equalTo(3))
        .body("bufferConsumption", equalTo("0.3000"))
        .body("zone", equalTo("ON_TRACK"));
    create(project, "Slip 4 of 10", planned, forecast.formatted(10, planned.plusDays(4)))
        .then()
        .body("bufferConsumption", equalTo("0.4000"))
        .body("zone", equalTo("AT_RISK"));
    create(project, "Slip 10 of 10", planned, forecast.formatted(10, planned.plusDays(10)))
        .then()
        .body("bufferConsumption", equalTo("1.0000"))
        .body("zone", equalTo("OFF_TRACK"));
    create(project, "Slip 1 of 0", planned, forecast.formatted(0, planned.plusDays(1)))
        .then()
        .body("slipDays", equalTo(1))
        .body("bufferConsumption", nullValue())
        .body("zone", equalTo("OFF_TRACK"));
    create(project, "Early", planned, forecast.formatted(5, planned.minusDays(2)))
        .then()
        .body("slipDays", equalTo(0))
        .body("varianceDays", equalTo(-2))
        .body("bufferConsumption", equalTo("0.0000"))
        .body("zone", equalTo("ON_TRACK"));
    // the calendar: planned date plus buffer passed without completion
    create(project, "Past its buffer", TODAY.minusDays(6), "\"bufferDays\":5")
        .then()
        .body("status", equalTo("LATE"));
    create(project, "Inside its buffer", TODAY.minusDays(5), "\"bufferDays\":5")
        .then()
        .body("status", equalTo("PLANNED"));
  }

  @Test
  void aProjectsMilestonesAreListedInOrderFilteredAndPaged() {
    String project = directory.project("alice");
    String other = directory.project("alice");
    planned(other, "Elsewhere", TODAY.plusDays(1), null);
    planned(project, "C late", TODAY.minusDays(20), "\"bufferDays\":2");
    planned(
        project,
        "B at risk",
        TODAY.plusDays(40),
        "\"bufferDays\":10,\"forecastDate\":\"%s\"".formatted(TODAY.plusDays(45)));
    planned(
        project,
        "A at risk",
        TODAY.plusDays(40),
        "\"bufferDays\":10,\"forecastDate\":\"%s\"".formatted(TODAY.plusDays(45)));
    String started = planned(project, "D started", TODAY.plusDays(50), null);
    patch(started, "\"0\"", "{\"status\":\"IN_PROGRESS\"}").then().statusCode(200);
    String done = planned(project, "E done", TODAY.plusDays(60), "\"bufferDays\":1");
    given()
        .header("If-Match", "\"0\"")
        .contentType(ContentType.JSON)
        .body("{}")
        .post(done + "/completion")
        .then()
        .statusCode(200);

    given()
        .queryParam("projectId", project)
        .get(URL)
        .then()
        .statusCode(200)
        .body("totalItems", equalTo(5))
        .body("items.name", contains("C late", "A at risk", "B at risk", "D started", "E done"));
    given()
        .queryParam("projectId", project)
        .queryParam("size", 2)
        .queryParam("page", 1)
        .get(URL)
        .then()
        .body("items.name", contains("B at risk", "D started"))
        .body("totalItems", equalTo(5))
        .body("totalPages", equalTo(3));
    given()
        .queryParam("projectId", project)
        .queryParam("status", "LATE")
        .get(URL)
        .then()
        .body("items.name", contains("C late"));
    given()
        .queryParam("projectId", project)
        .queryParam("status", "IN_PROGRESS")
        .queryParam("status", "COMPLETED")
        .get(URL)
        .then()
        .body("items.name", contains("D started", "E done"));
    given()
        .queryParam("projectId", project)
        .queryParam("status", "PLANNED")
        .get(URL)
        .then()
        .body("items.name", contains("A at risk", "B at risk"));
    given()
        .queryParam("projectId", project)
        .queryParam("zone", "AT_RISK")
        .queryParam("size", 1)
        .get(URL)
        .then()
        .body("items.name", contains("A at risk"))
        .body("totalItems", equalTo(2));
    given()
        .queryParam("projectId", project)
        .queryParam("zone", "ON_TRACK")
        .get(URL)
        .then()
        .body("items.name", contains("C late", "D started", "E done"));
    given()
        .queryParam("projectId", project)
        .queryParam("kind", "GO_LIVE")
        .get(URL)
        .then()
        .body("totalItems", equalTo(0));
    given()
        .queryParam("projectId", project)
        .queryParam("kind", "SECURITY_AUDIT")
        .queryParam("zone", "OFF_TRACK")
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
        .queryParam("zone", "RED")
        .queryParam("kind", "PARTY")
        .queryParam("size", 500)
        .get(URL)
        .then()
        .statusCode(400)
        .body("violations.field", contains("kind", "projectId", "size", "status", "zone"));
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
  void anInvalidMilestoneIsRefusedWithEveryViolation() {
    String project = directory.project("alice");
    create(
            given(),
            "{\"projectId\":\"%s\",\"name\":\" \",\"kind\":\"SECURITY_AUDIT\",\"bufferDays\":3651,\"plannedValue\":\"-1\",\"description\":\"%s\"}"
                .formatted(project, "x".repeat(2001)))
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body(
            "violations.field",
            containsInAnyOrder("name", "plannedDate", "bufferDays", "plannedValue", "description"));
    create(project, "Value", TODAY, "\"plannedValue\":1234567890123456")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("plannedValue"))
        .body("violations[0].message", containsString("15 integer digits"));
    create(project, "Value", TODAY, "\"plannedValue\":\"1.23456\"")
        .then()
        .statusCode(400)
        .body("violations[0].message", containsString("4 decimals"));
    create(project, "Value", TODAY, "\"bufferDays\":-1").then().statusCode(400);
    create(
            given(),
            "{\"projectId\":\"%s\",\"name\":\"Party\",\"kind\":\"PARTY\",\"plannedDate\":\"%s\"}"
                .formatted(project, TODAY))
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("kind"));
    // the largest value it takes, exactly, from a JSON number
    create(project, "Value", TODAY, "\"plannedValue\":123456789012345.1234")
        .then()
        .statusCode(201)
        .body("plannedValue", equalTo("123456789012345.1234"));
    given().queryParam("projectId", project).get(URL).then().body("totalItems", equalTo(1));
  }

  @Test
  void aMilestoneIsPlannedOnlyForAnActiveProjectTheCallerMayChange() {
    create(UUID.randomUUID().toString(), "Nowhere", TODAY, null)
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
    create(as("carol", "ADMIN"), json(UUID.randomUUID().toString(), "Nowhere", TODAY, null))
        .then()
        .statusCode(404);
    String project = directory.project("alice");
    directory.member(project, "bob", "VIEWER");
    create(as("dave", "MEMBER"), json(project, "Stranger", TODAY, null)).then().statusCode(404);
    create(as("bob", "MEMBER"), json(project, "Viewer", TODAY, null))
        .then()
        .statusCode(403)
        .contentType(PROBLEM);
    create(as("erin", "PMO"), json(project, "Portfolio office", TODAY, null))
        .then()
        .statusCode(403);
    create(as("carol", "ADMIN"), json(project, "Admin", TODAY, null)).then().statusCode(201);
    directory.member(project, "bob", "EDITOR");
    create(as("bob", "MEMBER"), json(project, "Editor", TODAY, null)).then().statusCode(201);
    directory.archive(project);
    create(project, "Too late", TODAY, null)
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("detail", containsString("archived"));
  }

  @Test
  void aMilestoneIsHiddenFromCallersWhoMayNotReadItsProject() {
    String project = directory.project("alice");
    directory.member(project, "bob", "VIEWER");
    String url = planned(project, "Hidden", TODAY.plusDays(10), null);
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
        .body("detail", containsString("milestone"));
    as("dave", "MEMBER").get(url + "/history").then().statusCode(404);
    as("dave", "MEMBER").get(url + "/baselines").then().statusCode(404);
    as("dave", "MEMBER").header("If-Match", "\"0\"").delete(url).then().statusCode(404);
    as("bob", "MEMBER").get(url).then().statusCode(200);
    as("bob", "MEMBER").get(url + "/history").then().statusCode(200);
    as("bob", "MEMBER").header("If-Match", "\"0\"").delete(url).then().statusCode(403);
    as("bob", "MEMBER")
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"name\":\"Mine now\"}")
        .patch(url)
        .then()
        .statusCode(403);
    as("bob", "MEMBER")
        .contentType(ContentType.JSON)
        .header("If-Match", "\"0\"")
        .body("{}")
        .post(url + "/completion")
        .then()
        .statusCode(403);
    given().get(url).then().body("name", equalTo("Hidden")).body("version", equalTo(0));
  }

  @Test
  void aChangeNeedsTheCurrentETagAndLeavesTheBaselineAlone() {
    String project = directory.project("alice");
    LocalDate planned = TODAY.plusDays(20);
    String url =
        planned(project, "Design review", planned, "\"plannedValue\":\"100.5\",\"bufferDays\":4");
    patch(url, null, "{\"name\":\"Renamed\"}").then().statusCode(428).contentType(PROBLEM);
    patch(url, "\"7\"", "{\"name\":\"Renamed\"}").then().statusCode(412).contentType(PROBLEM);
    patch(url, "\"0\"", "{\"plannedDate\":\"%s\",\"bufferDays\":-1}".formatted(planned.plusDays(1)))
        .then()
        .statusCode(400)
        .body("violations.field", contains("bufferDays", "plannedDate"))
        .body("violations[1].message", containsString("/baselines"));
    patch(url, "\"0\"", "{\"status\":\"COMPLETED\"}")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("status"))
        .body("violations[0].message", containsString("/completion"));
    patch(url, "\"0\"", "{\"status\":\"LATE\"}").then().statusCode(400);
    patch(url, "\"0\"", "{\"version\":5}").then().statusCode(400);
    given()
        .get(url)
        .then()
        .body("version", equalTo(0))
        .body("plannedDate", equalTo(planned.toString()));

    patch(
            url,
            "\"0\"",
            "{\"name\":\"Architecture review\",\"status\":\"IN_PROGRESS\",\"forecastDate\":\"%s\",\"plannedValue\":null,\"kind\":\"DESIGN_REVIEW\",\"description\":\"with the CTO\"}"
                .formatted(planned.plusDays(2)))
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"")
        .body("name", equalTo("Architecture review"))
        .body("status", equalTo("IN_PROGRESS"))
        .body("kind", equalTo("DESIGN_REVIEW"))
        .body("description", equalTo("with the CTO"))
        .body("ownForecastDate", equalTo(planned.plusDays(2).toString()))
        .body("forecastDate", equalTo(planned.plusDays(2).toString()))
        .body("zone", equalTo("AT_RISK"))
        .body("plannedValue", nullValue())
        .body("plannedDate", equalTo(planned.toString()));
    // the same values again change nothing
    patch(url, "\"1\"", "{\"name\":\"Architecture review\"}")
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"");
    patch(url, "\"1\"", "{\"status\":\"PLANNED\",\"bufferDays\":7}")
        .then()
        .statusCode(200)
        .body("status", equalTo("PLANNED"))
        .body("zone", equalTo("ON_TRACK"))
        .body("version", equalTo(2));
    // a JSON number in a patch is read exactly too, not through a binary float
    patch(url, "\"2\"", "{\"plannedValue\":123456789012345.1234}")
        .then()
        .statusCode(200)
        .body("plannedValue", equalTo("123456789012345.1234"));
    given().get(url).then().body("plannedValue", equalTo("123456789012345.1234"));
  }

  @Test
  void aMilestoneIsCompletedAndReopened() {
    String project = directory.project("alice");
    String url = planned(project, "UAT", TODAY.minusDays(30), "\"bufferDays\":5");
    given().get(url).then().body("status", equalTo("LATE"));
    RequestSpecification complete = given().contentType(ContentType.JSON);
    complete.body("{}").post(url + "/completion").then().statusCode(428);
    given()
        .contentType(ContentType.JSON)
        .header("If-Match", "\"0\"")
        .body("{\"actualDate\":\"%s\"}".formatted(TODAY.plusDays(2)))
        .post(url + "/completion")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("actualDate"));
    given()
        .contentType(ContentType.JSON)
        .header("If-Match", "\"0\"")
        .body("{\"actualDate\":\"%s\"}".formatted(TODAY.minusDays(27)))
        .post(url + "/completion")
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"")
        .body("status", equalTo("COMPLETED"))
        .body("actualDate", equalTo(TODAY.minusDays(27).toString()))
        .body("forecastDate", equalTo(TODAY.minusDays(27).toString()))
        .body("slipDays", equalTo(3))
        .body("zone", equalTo("AT_RISK"));
    given()
        .contentType(ContentType.JSON)
        .header("If-Match", "\"1\"")
        .body("{}")
        .post(url + "/completion")
        .then()
        .statusCode(409)
        .contentType(PROBLEM);
    patch(url, "\"1\"", "{\"status\":\"PLANNED\"}").then().statusCode(409);
    patch(url, "\"1\"", "{\"name\":\"User acceptance\"}")
        .then()
        .statusCode(200)
        .body("status", equalTo("COMPLETED"));
    given().delete(url + "/completion").then().statusCode(428);
    given()
        .header("If-Match", "\"2\"")
        .delete(url + "/completion")
        .then()
        .statusCode(200)
        .header("ETag", "\"3\"")
        .body("status", equalTo("LATE"))
        .body("actualDate", nullValue())
        .body("forecastDate", equalTo(TODAY.minusDays(30).toString()));
    given().header("If-Match", "\"3\"").delete(url + "/completion").then().statusCode(409);
    // completed today when no date (and no body) is given
    given()
        .contentType(ContentType.JSON)
        .header("If-Match", "\"3\"")
        .post(url + "/completion")
        .then()
        .statusCode(200)
        .body("actualDate", equalTo(LocalDate.now(ZoneOffset.UTC).toString()));
  }

  @Test
  void aBaselineIsRetakenWithAReason() {
    String project = directory.project("alice");
    LocalDate planned = TODAY.plusDays(10);
    String url =
        planned(
            project,
            "Code freeze",
            planned,
            "\"bufferDays\":10,\"forecastDate\":\"%s\"".formatted(planned.plusDays(8)));
    given().get(url).then().body("zone", equalTo("AT_RISK"));
    RequestSpecification rebaseline = given().contentType(ContentType.JSON);
    rebaseline
        .body("{\"plannedDate\":\"%s\",\"reason\":\"CR-42\"}".formatted(planned.plusDays(8)))
        .post(url + "/baselines")
        .then()
        .statusCode(428);
    given()
        .contentType(ContentType.JSON)
        .header("If-Match", "\"0\"")
        .body("{\"plannedDate\":\"%s\"}".formatted(planned.plusDays(8)))
        .post(url + "/baselines")
        .then()
        .statusCode(400)
        .body("violations.field", contains("reason"));
    given()
        .contentType(ContentType.JSON)
        .header("If-Match", "\"0\"")
        .body(
            "{\"plannedDate\":\"%s\",\"reason\":\"Scope doubled (CR-42)\"}"
                .formatted(planned.plusDays(8)))
        .post(url + "/baselines")
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"")
        .body("plannedDate", equalTo(planned.plusDays(8).toString()))
        .body("slipDays", equalTo(0))
        .body("zone", equalTo("ON_TRACK"));
    given()
        .get(url + "/baselines")
        .then()
        .body("items.plannedDate", contains(planned.toString(), planned.plusDays(8).toString()))
        .body("items.reason", contains("initial baseline", "Scope doubled (CR-42)"))
        .body("items.takenBy", contains("alice", "alice"));
  }

  @Test
  void aDeletedMilestoneIsGone() {
    String project = directory.project("alice");
    String url = planned(project, "Sprint review", TODAY.plusDays(3), null);
    given().delete(url).then().statusCode(428);
    given().header("If-Match", "\"4\"").delete(url).then().statusCode(412);
    given().header("If-Match", "\"0\"").delete(url).then().statusCode(204);
    given().get(url).then().statusCode(404).contentType(PROBLEM);
    given().header("If-Match", "\"0\"").delete(url).then().statusCode(404);
    given().queryParam("projectId", project).get(URL).then().body("totalItems", equalTo(0));
  }

  @Test
  void aRetriedCreateWithItsIdempotencyKeyPlansOnce() {
    String project = directory.project("alice");
    String key = UUID.randomUUID().toString();
    String body = json(project, "Once", TODAY.plusDays(5), null);
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
        .body(json(project, "Twice", TODAY.plusDays(5), null))
        .post(URL)
        .then()
        .statusCode(422);
    given()
        .queryParam("projectId", project)
        .get(URL)
        .then()
        .body("totalItems", equalTo(1))
        .body("items.name", hasItem("Once"))
        .body("items.name", not(hasItem("Twice")));
  }
}
