package io.tollgate.project;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A text too long is refused in words a form can show beside its field: "size must be between 0 and
 * 200" named Hibernate's "size", and a 0 that a field refusing blanks does not take.
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "project"))
class LengthMessagesTest {

  private static final String MERGE_PATCH = "application/merge-patch+json";

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  @Test
  void everyLengthLimitOfARequestBodySaysItInCharacters() {
    String id = Api.project(null);
    String project = "/api/v1/projects/" + id;
    assertMessages(
        post(
            "/api/v1/projects",
            Map.of(
                "key", "LM", "name", text(201), "description", text(4001), "methodology", "AGILE")),
        Map.of(
            "name", "must be between 1 and 200 characters",
            "description", "must be at most 4000 characters"));
    assertMessages(
        given()
            .contentType(MERGE_PATCH)
            .header("If-Match", "\"0\"")
            .body(Map.of("name", text(201), "description", text(4001)))
            .patch(project),
        Map.of(
            "name", "must be between 1 and 200 characters",
            "description", "must be at most 4000 characters"));
    assertMessages(
        post(
            project + "/stakeholders",
            Map.of(
                "userId",
                text(201),
                "name",
                text(201),
                "role",
                "QA",
                "influence",
                1,
                "interest",
                1,
                "accessRole",
                "VIEWER")),
        Map.of(
            "userId", "must be between 1 and 200 characters",
            "name", "must be between 1 and 200 characters"));
    String owner = StakeholderApiTest.ownerId(id);
    assertMessages(
        given()
            .contentType(MERGE_PATCH)
            .header("If-Match", "\"0\"")
            .body(Map.of("name", text(201)))
            .patch(project + "/stakeholders/" + owner),
        Map.of("name", "must be between 1 and 200 characters"));
    assertMessages(
        post(
            project + "/kpis",
            Map.of(
                "name",
                text(201),
                "unit",
                text(51),
                "target",
                1,
                "direction",
                "HIGHER_IS_BETTER",
                "description",
                text(1001))),
        Map.of(
            "name", "must be between 1 and 200 characters",
            "unit", "must be between 1 and 50 characters",
            "description", "must be at most 1000 characters"));
    String kpi = KpiApiTest.define(id, "Uptime", "99.9", "HIGHER_IS_BETTER").header("Location");
    assertMessages(
        given()
            .contentType(MERGE_PATCH)
            .header("If-Match", "\"0\"")
            .body(Map.of("name", text(201), "unit", text(51), "description", text(1001)))
            .patch(kpi),
        Map.of(
            "name", "must be between 1 and 200 characters",
            "unit", "must be between 1 and 50 characters",
            "description", "must be at most 1000 characters"));
    assertMessages(
        post(
            kpi + "/measurements",
            Map.of("measuredOn", "2026-01-31", "value", 1, "note", text(1001))),
        Map.of("note", "must be at most 1000 characters"));
    assertMessages(
        post(
            project + "/costs",
            Map.of(
                "date",
                "2026-01-31",
                "amount",
                "1.00",
                "currency",
                "EUR",
                "category",
                "LABOR",
                "note",
                text(1001))),
        Map.of("note", "must be at most 1000 characters"));
    assertMessages(
        post(
            project + "/benefits",
            Map.of(
                "description",
                text(501),
                "amount",
                "1.00",
                "currency",
                "EUR",
                "recurrence",
                "ONE_OFF",
                "startDate",
                "2026-01-31")),
        Map.of("description", "must be between 1 and 500 characters"));
    assertMessages(
        Api.admin()
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "to",
                    "PLANNING",
                    "reason",
                    text(2001),
                    "overrideJustification",
                    text(2001),
                    "overriddenRuleIds",
                    Collections.nCopies(101, text(201))))
            .post(project + "/phase-transitions"),
        overrides());
    given().get(project).then().body("phase", equalTo("INITIATION"));
  }

  /** The transition's violations: its texts, its list, and each of the list's 101 elements. */
  private static Map<String, String> overrides() {
    Map<String, String> expected = new TreeMap<>();
    expected.put("reason", "must be between 1 and 2000 characters");
    expected.put("overrideJustification", "must be at most 2000 characters");
    expected.put("overriddenRuleIds", "must have at most 100 items");
    for (int i = 0; i < 101; i++) {
      expected.put("overriddenRuleIds[" + i + "]", "must be between 1 and 200 characters");
    }
    return expected;
  }

  private static void assertMessages(
      io.restassured.response.Response answer, Map<String, String> expected) {
    Map<String, String> sorted = new TreeMap<>(expected);
    answer
        .then()
        .statusCode(400)
        .body("violations.field", equalTo(List.copyOf(sorted.keySet())))
        .body("violations.message", equalTo(List.copyOf(sorted.values())));
  }

  private static io.restassured.response.Response post(String path, Map<String, Object> body) {
    return given().contentType(ContentType.JSON).body(body).post(path);
  }

  private static String text(int length) {
    return "x".repeat(length);
  }
}
