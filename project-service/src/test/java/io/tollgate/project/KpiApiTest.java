package io.tollgate.project;

import static io.restassured.RestAssured.given;
import static io.tollgate.project.Api.PROBLEM;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** KPIs and their measurements over HTTP. */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "project"))
class KpiApiTest {

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  static String url(String projectId) {
    return "/api/v1/projects/" + projectId + "/kpis";
  }

  static Response define(String projectId, String name, String target, String direction) {
    return given()
        .contentType(ContentType.JSON)
        .body(
            "{\"name\":\"%s\",\"unit\":\"%%\",\"target\":%s,\"direction\":\"%s\"}"
                .formatted(name, target, direction))
        .post(url(projectId));
  }

  static Response measure(String kpiUrl, String date, String value) {
    return given()
        .contentType(ContentType.JSON)
        .body("{\"measuredOn\":\"%s\",\"value\":%s}".formatted(date, value))
        .post(kpiUrl + "/measurements");
  }

  static int measurements(String kpiUrl) {
    return given().get(kpiUrl + "/measurements").then().extract().path("totalItems");
  }

  /**
   * A measurement recorded in error (99.5 typed as 9.95) can be removed: the KPI then stands where
   * its remaining measurements put it, its ETag changes, and the history keeps what was removed.
   * The removal needs the KPI's current ETag.
   */
  @Test
  void aMeasurementRecordedInErrorIsRemovedAndTheKpiStandsWithoutIt() {
    String id = Api.project(null);
    String kpiUrl = define(id, "Uptime", "99", "HIGHER_IS_BETTER").header("Location");
    measure(kpiUrl, "2026-01-31", "99.5").then().statusCode(201);
    String typo = measure(kpiUrl, "2026-02-28", "9.95").then().statusCode(201).extract().path("id");
    String etag =
        given()
            .get(kpiUrl)
            .then()
            .body("status.latest.value", equalTo(9.95f))
            .extract()
            .header("ETag");

    given().delete(kpiUrl + "/measurements/" + typo).then().statusCode(428);
    given()
        .header("If-Match", "\"0\"")
        .delete(kpiUrl + "/measurements/" + typo)
        .then()
        .statusCode(412);
    given()
        .header("If-Match", etag)
        .delete(kpiUrl + "/measurements/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
    assertEquals(2, measurements(kpiUrl));

    given()
        .header("If-Match", etag)
        .delete(kpiUrl + "/measurements/" + typo)
        .then()
        .statusCode(204);
    assertEquals(1, measurements(kpiUrl));
    given()
        .get(kpiUrl)
        .then()
        .body("status.latest.value", equalTo(99.5f))
        .body("status.meetsTarget", equalTo(true))
        .body("status.measurements", equalTo(1))
        .header("ETag", not(equalTo(etag)));
    given().get(kpiUrl + "/measurements/" + typo).then().statusCode(404);
    given()
        .queryParam("size", 1)
        .get("/api/v1/projects/" + id + "/history")
        .then()
        .body("items[0].action", equalTo("KPI_MEASUREMENT_REMOVED"))
        .body("items[0].before.value", equalTo(9.95f));
  }

  @Test
  void aKpiIsDefinedMeasuredAndShowsWhereItStands() {
    String id = Api.project(null);
    Response kpi = define(id, "Uptime", "99.9", "HIGHER_IS_BETTER");
    kpi.then()
        .statusCode(201)
        .header("Location", containsString(url(id) + "/"))
        .header("ETag", "\"0\"")
        .body("name", equalTo("Uptime"))
        .body("target", equalTo(99.9f))
        .body("status.latest", nullValue())
        .body("status.meetsTarget", nullValue());
    String kpiUrl = kpi.header("Location");
    Response first = measure(kpiUrl, "2026-01-31", "99.5");
    first
        .then()
        .statusCode(201)
        .header("ETag", "\"1\"")
        .body("value", equalTo(99.5f))
        .body("meetsTarget", equalTo(false))
        .body("recordedBy", equalTo("alice"));
    given()
        .get(first.header("Location"))
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"")
        .body("id", equalTo(first.path("id")))
        .body("value", equalTo(99.5f))
        .body("meetsTarget", equalTo(false));
    // a measurement changes where the KPI stands, so a copy from before it is no longer current
    given()
        .header("If-None-Match", "\"0\"")
        .get(kpiUrl)
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"")
        .body("status.measurements", equalTo(1))
        .body("status.latest.value", equalTo(99.5f));
    given().header("If-None-Match", "\"1\"").get(kpiUrl).then().statusCode(304);
    measure(kpiUrl, "2026-02-28", "99.95")
        .then()
        .statusCode(201)
        .body("meetsTarget", equalTo(true));
    given()
        .get(kpiUrl)
        .then()
        .statusCode(200)
        .body("status.latest.value", equalTo(99.95f))
        .body("status.latest.measuredOn", equalTo("2026-02-28"))
        .body("status.previous.value", equalTo(99.5f))
        .body("status.trend", equalTo("IMPROVING"))
        .body("status.meetsTarget", equalTo(true))
        .body("status.measurements", equalTo(2));
    given()
        .queryParam("from", "2026-02-01")
        .get(kpiUrl + "/measurements")
        .then()
        .body("items.measuredOn", contains("2026-02-28"));
    given()
        .get(url(id))
        .then()
        .body("totalItems", equalTo(1))
        .body("items[0].status.trend", equalTo("IMPROVING"));
    // the analytics as of January see only January's measurement
    given()
        .queryParam("asOf", "2026-01-31")
        .get("/api/v1/projects/" + id + "/analytics")
        .then()
        .statusCode(200)
        .body("kpis[0].name", equalTo("Uptime"))
        .body("kpis[0].latest.value", equalTo(99.5f))
        .body("kpis[0].meetsTarget", equalTo(false))
        .body("kpis[0].trend", nullValue());
  }

  @Test
  void measurementsForUnknownKpisOrBadValuesAreRefusedAndNothingIsRecorded() {
    String id = Api.project(null);
    String kpiUrl = define(id, "Tickets", "50", "LOWER_IS_BETTER").header("Location");
    measure(url(id) + "/" + UUID.randomUUID(), "2026-01-31", "10")
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("detail", containsString("KPI"));
    String otherProject = Api.project(null);
    String foreign = define(otherProject, "Tickets", "5", "LOWER_IS_BETTER").path("id");
    measure(url(id) + "/" + foreign, "2026-01-31", "10").then().statusCode(404);
    measure(kpiUrl, "2026-01-31", "\"lots\"")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations[0].field", equalTo("value"));
    measure(kpiUrl, "2026-01-31", "1E+2147483647")
        .then()
        .statusCode(400)
        .body("violations[0].message", equalTo("must have at most 18 integer digits"));
    measure(kpiUrl, "2026-01-31", "1.1234567")
        .then()
        .statusCode(400)
        .body("violations[0].message", equalTo("must have at most 6 decimals"));
    // today in the zone where the day starts first (Kiribati, UTC+14) is someone's today: taken,
    // though it may be tomorrow in UTC; the day after it is in the future everywhere
    LocalDate kiribati = LocalDate.now(ZoneOffset.ofHours(14));
    measure(kpiUrl, kiribati.toString(), "10").then().statusCode(201);
    // ... and counts at once where the KPI stands, though UTC's today may be a day behind
    given()
        .get(kpiUrl)
        .then()
        .statusCode(200)
        .body("status.latest.measuredOn", equalTo(kiribati.toString()));
    // a JSON number keeps 15 significant digits exactly in every client (JavaScript's doubles)
    measure(kpiUrl, "2026-01-31", "1234567890123456")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("value"))
        .body("violations[0].message", containsString("at most 15 significant digits"));
    // two days after: still in the future should Kiribati's day have ended since; the message
    // names the day the service read, which is Kiribati's today as of before or after the request
    LocalDate kiribatiBefore = LocalDate.now(ZoneOffset.ofHours(14));
    Response future = measure(kpiUrl, kiribati.plusDays(2).toString(), "10");
    LocalDate kiribatiAfter = LocalDate.now(ZoneOffset.ofHours(14));
    future
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("measuredOn"))
        .body(
            "violations[0].message",
            oneOf(
                "must not be in the future (after " + kiribatiBefore + " anywhere on Earth)",
                "must not be in the future (after " + kiribatiAfter + " anywhere on Earth)"));
    given()
        .contentType(ContentType.JSON)
        .body("{}")
        .post(kpiUrl + "/measurements")
        .then()
        .statusCode(400)
        .body("violations.field", hasItems("measuredOn", "value"));
    given()
        .queryParam("from", "2026-03-01")
        .queryParam("to", "2026-01-01")
        .get(kpiUrl + "/measurements")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("to"));
    // of all these, only Kiribati's today was recorded
    org.junit.jupiter.api.Assertions.assertEquals(1, measurements(kpiUrl));
  }

  @Test
  void invalidOrDuplicateKpisAreRefused() {
    String id = Api.project(null);
    given()
        .contentType(ContentType.JSON)
        .body("{\"name\":\"\",\"unit\":\"%\",\"target\":\"x\",\"direction\":\"UP\"}")
        .post(url(id))
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
    given()
        .contentType(ContentType.JSON)
        .body("{\"name\":\"\",\"unit\":\"\"}")
        .post(url(id))
        .then()
        .statusCode(400)
        .body("violations.field", hasItems("name", "unit", "target", "direction"));
    define(id, "Adoption", "80", "HIGHER_IS_BETTER").then().statusCode(201);
    define(id, "adoption", "90", "HIGHER_IS_BETTER")
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("detail", containsString("already has a KPI named adoption"));
    given().get(url(id)).then().body("totalItems", equalTo(1));
  }

  @Test
  void aKpiIsChangedWithIfMatchAndRemovedWithItsMeasurements() {
    String id = Api.project(null);
    String kpiUrl = define(id, "NPS", "30", "HIGHER_IS_BETTER").header("Location");
    measure(kpiUrl, "2026-01-31", "-12").then().statusCode(201).body("value", equalTo(-12));
    given()
        .contentType("application/merge-patch+json")
        .body("{\"target\":40}")
        .patch(kpiUrl)
        .then()
        .statusCode(428);
    // the measurement made the KPI's version 1: a change sent against the definition alone is stale
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"target\":40}")
        .patch(kpiUrl)
        .then()
        .statusCode(412);
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"1\"")
        .body("{\"target\":\"high\"}")
        .patch(kpiUrl)
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("target"));
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"1\"")
        .body("{\"target\":-20,\"direction\":\"HIGHER_IS_BETTER\"}")
        .patch(kpiUrl)
        .then()
        .statusCode(200)
        .header("ETag", "\"2\"")
        .body("target", equalTo(-20))
        .body("status.meetsTarget", equalTo(true));
    given().header("If-Match", "\"1\"").delete(kpiUrl).then().statusCode(412);
    given().header("If-Match", "\"2\"").delete(kpiUrl).then().statusCode(204);
    given().get(kpiUrl).then().statusCode(404);
    given().get(kpiUrl + "/measurements").then().statusCode(404);
  }

  /**
   * A measurement dated today where the day starts first counts at once everywhere: in the KPI, in
   * the project's health and in its analytics, not in one of them a day later.
   */
  @Test
  void aMeasurementOfTheEarliestTodayCountsInTheKpiTheHealthAndTheAnalyticsAlike() {
    String id = Api.project(null);
    String kpi = define(id, "Uptime", "99.9", "HIGHER_IS_BETTER").header("Location");
    LocalDate kiribati = LocalDate.now(ZoneOffset.ofHours(14));
    measure(kpi, kiribati.minusDays(1).toString(), "99.1").then().statusCode(201);
    measure(kpi, kiribati.toString(), "99.4").then().statusCode(201);
    given().get(kpi).then().body("status.missedLastTwo", equalTo(true));
    given()
        .get("/api/v1/projects/" + id + "/health")
        .then()
        .statusCode(200)
        .body("rating", equalTo("AMBER"))
        .body("reasons[0].dimension", equalTo("KPI"));
    given()
        .get("/api/v1/projects/" + id + "/analytics")
        .then()
        .statusCode(200)
        .body("kpis[0].latest.measuredOn", equalTo(kiribati.toString()))
        .body("kpis[0].missedLastTwo", equalTo(true));
  }

  /**
   * A target stored under earlier, looser rules does not keep the rest of its KPI from changing.
   */
  @Test
  void aKpiWhoseStoredTargetPredatesTheDigitLimitStaysEditable() {
    String id = Api.project(null);
    var created = define(id, "Throughput", "10", "HIGHER_IS_BETTER");
    String kpi = created.header("Location");
    String kpiId = created.path("id");
    io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
        .run(
            () ->
                io.quarkus.arc.Arc.container()
                    .instance(jakarta.persistence.EntityManager.class)
                    .get()
                    .createNativeQuery(
                        "update kpi set target = 1234567890123456.5, version = version + 1"
                            + " where id = cast(?1 as uuid)")
                    .setParameter(1, kpiId)
                    .executeUpdate());
    int version = Integer.parseInt(given().get(kpi).header("ETag").replace("\"", ""));
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"" + version + "\"")
        .body("{\"description\":\"per day\"}")
        .patch(kpi)
        .then()
        .statusCode(200)
        .body("description", equalTo("per day"));
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"" + (version + 1) + "\"")
        .body("{\"target\":1234567890123456.7}")
        .patch(kpi)
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("target"));
  }
}
