package io.tollgate.project;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every mistake of a request comes in one answer, as the root README promises: a form learns all
 * that is wrong with it at once, not one field per round trip. Each request here used to name only
 * some of its faults (the first stage that found one), and the rest only once those were mended.
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "project"))
class AllViolationsAtOnceTest {

  private static final String MERGE_PATCH = "application/merge-patch+json";

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  /**
   * A merge patch's blank name hid a target date before the start and a budget in too many
   * decimals, which POST listed with it; the patch's rules were checked only once its fields
   * passed.
   */
  @Test
  void aProjectPatchNamesItsFieldsAndItsRulesTogether() {
    String project =
        "/api/v1/projects/" + Api.project("{\"amount\":\"1000.00\",\"currency\":\"EUR\"}");
    patch(
            project,
            "{\"name\":\" \",\"startDate\":\"2026-12-01\",\"targetDate\":\"2026-01-01\","
                + "\"budget\":{\"amount\":\"12.345\"}}")
        .then()
        .statusCode(400)
        .body("detail", equalTo("3 fields are not valid"))
        .body("violations.field", equalTo(List.of("budget.amount", "name", "targetDate")))
        .body(
            "violations.message",
            equalTo(
                List.of(
                    "must have at most 2 decimals in EUR",
                    "must not be blank",
                    "must not be before startDate 2026-12-01")));
    // with a value that cannot be read, too
    patch(project, "{\"name\":\"\",\"methodology\":\"BAD\",\"targetDate\":\"2025-01-01\"}")
        .then()
        .statusCode(400)
        .body("violations.field", equalTo(List.of("methodology", "name", "targetDate")));
    given()
        .get(project)
        .then()
        .body("version", equalTo(0))
        .body("budget.amount", equalTo("1000.00"));
  }

  /**
   * A field the project does not have ({@code foo}) hid one its budget does not have, and every
   * other fault of the patch.
   */
  @Test
  void anUnknownFieldHidesNoOtherViolation() {
    String project =
        "/api/v1/projects/" + Api.project("{\"amount\":\"1000.00\",\"currency\":\"EUR\"}");
    patch(project, "{\"foo\":1,\"budget\":{\"amount\":\"1\",\"extra\":true}}")
        .then()
        .statusCode(400)
        .body("violations.field", equalTo(List.of("budget.extra", "foo")))
        .body("violations.find { it.field == 'foo' }.message", equalTo("is not a writable field"));
    patch(
            project,
            "{\"version\":7,\"name\":\"\",\"methodology\":\"BAD\",\"targetDate\":\"2025-01-01\"}")
        .then()
        .statusCode(400)
        .body("violations.field", equalTo(List.of("methodology", "name", "targetDate", "version")));
    given().get(project).then().body("version", equalTo(0));
  }

  /**
   * A KPI's blank name hid a target with too many decimals, and a measurement's long note its
   * value's: the digits were checked by the service, after the fields' own constraints.
   */
  @Test
  void aKpiAndAMeasurementNameTheirDigitsWithTheirFields() {
    String id = Api.project(null);
    String kpis = KpiApiTest.url(id);
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"name\":\"\",\"unit\":\"u\",\"target\":0.1234567,\"direction\":\"HIGHER_IS_BETTER\"}")
        .post(kpis)
        .then()
        .statusCode(400)
        .body("violations.field", equalTo(List.of("name", "target")))
        .body("violations[1].message", equalTo("must have at most 6 decimals"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"name\":\"\",\"unit\":\"u\",\"target\":0.1234567,\"direction\":\"UP\"}")
        .post(kpis)
        .then()
        .statusCode(400)
        .body("violations.field", equalTo(List.of("direction", "name", "target")));
    String kpi = KpiApiTest.define(id, "Uptime", "99.9", "HIGHER_IS_BETTER").header("Location");
    String future = LocalDate.now(ZoneOffset.ofHours(14)).plusDays(2).toString();
    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "measuredOn",
                future,
                "value",
                new java.math.BigDecimal("0.1234567"),
                "note",
                "n".repeat(1001)))
        .post(kpi + "/measurements")
        .then()
        .statusCode(400)
        .body("violations.field", equalTo(List.of("measuredOn", "note", "value")));
    given()
        .contentType(MERGE_PATCH)
        .header("If-Match", "\"0\"")
        .body("{\"name\":\"\",\"target\":0.1234567}")
        .patch(kpi)
        .then()
        .statusCode(400)
        .body("violations.field", equalTo(List.of("name", "target")));
    given().get(kpis).then().body("totalItems", equalTo(1));
    given().get(kpi).then().body("version", equalTo(0));
  }

  /** A blank reason hid overriddenRuleIds sent without the justification they belong to. */
  @Test
  void aTransitionNamesItsFieldsAndItsRulesTogether() {
    String id = Api.project(null);
    given()
        .contentType(ContentType.JSON)
        .body("{\"to\":\"PLANNING\",\"reason\":\"\",\"overriddenRuleIds\":[\"x\"]}")
        .post("/api/v1/projects/" + id + "/phase-transitions")
        .then()
        .statusCode(400)
        .body("violations.field", equalTo(List.of("overriddenRuleIds", "reason")));
    given().get("/api/v1/projects/" + id).then().body("phase", equalTo("INITIATION"));
  }

  /**
   * A list's query parameters were read one after another, and the first bad one ended the request:
   * {@code ?size=500&sort=bogus} named sort alone, {@code ?sort=bogus&phase=FOO} phase alone, and a
   * page that is no number hid the size.
   */
  @Test
  void everyBadQueryParameterOfAListIsNamedAtOnce() {
    String id = Api.project(null);
    String project = "/api/v1/projects/" + id;
    String kpi = KpiApiTest.define(id, "Uptime", "99.9", "HIGHER_IS_BETTER").header("Location");
    assertRefused("/api/v1/projects?size=500&sort=bogus", "size", "sort");
    assertRefused(
        "/api/v1/projects?sort=bogus&phase=FOO&methodology=X&archived=maybe&page=-1",
        "archived",
        "methodology",
        "page",
        "phase",
        "sort");
    assertRefused("/api/v1/projects?page=x&size=500", "page", "size");
    assertRefused(
        "/api/v1/portfolio?sort=bogus&health=PINK&phase=FOO&size=0",
        "health",
        "phase",
        "size",
        "sort");
    assertRefused("/api/v1/portfolio/gate-rules?methodology=X&size=0", "methodology", "size");
    assertRefused(
        project + "/history?entityType=X&entityId=nope&before=0&from=bad&size=0",
        "before",
        "entityId",
        "entityType",
        "from",
        "size");
    assertRefused(
        project + "/history?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z&entityType=X",
        "entityType",
        "to");
    assertRefused(
        project + "/costs?category=X&from=2026-02-01&to=2026-01-01&page=-1",
        "category",
        "page",
        "to");
    assertRefused(kpi + "/measurements?from=bad&to=bad&size=201", "from", "size", "to");
    assertRefused(
        project + "/stakeholders?role=X&accessRole=Y&size=0", "accessRole", "role", "size");
    assertRefused(project + "/phase-transitions?before=0&size=0", "before", "size");
    assertRefused(project + "/kpis?page=x&size=0", "page", "size");
    assertRefused(project + "/benefits?page=x&size=0", "page", "size");
    assertRefused(project + "/analytics?asOf=bad&horizonEnd=bad", "asOf", "horizonEnd");
  }

  private static void assertRefused(String pathAndQuery, String... parameters) {
    given()
        .urlEncodingEnabled(false)
        .get(pathAndQuery)
        .then()
        .statusCode(400)
        .contentType(Api.PROBLEM)
        .body("violations.field", equalTo(List.of(parameters)));
  }

  private static Response patch(String path, String body) {
    return given().contentType(MERGE_PATCH).header("If-Match", "\"0\"").body(body).patch(path);
  }
}
