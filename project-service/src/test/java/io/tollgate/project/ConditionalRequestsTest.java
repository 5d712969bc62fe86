package io.tollgate.project;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Preconditions as RFC 9110 evaluates them (13.1, 13.2): a header's lines are one list, If-Match
 * comes first, and a write is not made when If-None-Match names the current version.
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "project"))
class ConditionalRequestsTest {

  private static final String MERGE_PATCH = "application/merge-patch+json";

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  /**
   * {@code If-Match: "9"} and {@code If-Match: "0"} on two lines are the list {@code "9", "0"} (RFC
   * 9110 5.3); only the first line was read, and the update was refused with 412.
   */
  @Test
  void theLinesOfIfMatchAreOneList() {
    String project = "/api/v1/projects/" + Api.project(null);
    given()
        .contentType(MERGE_PATCH)
        .header("If-Match", "\"9\"")
        .header("If-Match", "\"0\"")
        .body("{\"description\":\"two lines\"}")
        .patch(project)
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"");
    given()
        .contentType(MERGE_PATCH)
        .header("If-Match", "\"0\"")
        .header("If-Match", "\"7\"")
        .body("{\"description\":\"stale\"}")
        .patch(project)
        .then()
        .statusCode(412);
    given()
        .header("If-None-Match", "\"9\"")
        .header("If-None-Match", "\"1\"")
        .get(project)
        .then()
        .statusCode(304);
    given().get(project).then().body("description", equalTo("two lines"));
  }

  /**
   * Two Idempotency-Key lines are two keys: which one the create would be kept under is a guess.
   */
  @Test
  void anIdempotencyKeyOnTwoLinesIsRefused() {
    String key = ProjectApiTest.uniqueKey("IK");
    given()
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", "first")
        .header("Idempotency-Key", "second")
        .body("{\"key\":\"%s\",\"name\":\"x\",\"methodology\":\"AGILE\"}".formatted(key))
        .post("/api/v1/projects")
        .then()
        .statusCode(400)
        .contentType(Api.PROBLEM)
        .body("violations.field", equalTo(List.of("Idempotency-Key")));
    given().queryParam("text", key).get("/api/v1/projects").then().body("totalItems", equalTo(0));
  }

  /**
   * A read with an If-Match that names no current ETag is a 412 (RFC 9110 13.1.1), before
   * If-None-Match is looked at (13.2.2): it was a 200, or a 304 with a current If-None-Match.
   */
  @Test
  void aReadEvaluatesIfMatchFirst() {
    String id = Api.project(null);
    String project = "/api/v1/projects/" + id;
    given()
        .header("If-Match", "\"99\"")
        .get(project)
        .then()
        .statusCode(412)
        .contentType(Api.PROBLEM)
        .body(
            "detail",
            equalTo(
                "If-Match \"99\" does not match the current version \"0\"; read it without If-Match"));
    given()
        .header("If-Match", "\"99\"")
        .header("If-None-Match", "\"0\"")
        .get(project)
        .then()
        .statusCode(412);
    given().header("If-Match", "\"0\"").get(project).then().statusCode(200);
    given().header("If-Match", "*").get(project).then().statusCode(200);
    given()
        .header("If-Match", "\"0\"")
        .header("If-None-Match", "\"0\"")
        .get(project)
        .then()
        .statusCode(304)
        .body(emptyString());
    // a computed read, whose ETag is a digest of its body
    given().header("If-Match", "\"99\"").get(project + "/health").then().statusCode(412);
  }

  /**
   * An update whose If-None-Match names the current version is not made (RFC 9110 13.1.2: the
   * condition is false, and for a method other than GET or HEAD that is a 412); it was applied.
   */
  @Test
  void aWriteIsNotMadeWhenIfNoneMatchNamesTheCurrentVersion() {
    String project = "/api/v1/projects/" + Api.project(null);
    for (String ifNoneMatch : List.of("\"0\"", "W/\"0\"", "*")) {
      given()
          .contentType(MERGE_PATCH)
          .header("If-Match", "\"0\"")
          .header("If-None-Match", ifNoneMatch)
          .body("{\"description\":\"changed\"}")
          .patch(project)
          .then()
          .statusCode(412)
          .contentType(Api.PROBLEM);
    }
    given()
        .header("If-Match", "\"0\"")
        .header("If-None-Match", "\"0\"")
        .delete(project)
        .then()
        .statusCode(412);
    given().get(project).then().body("version", equalTo(0)).body("archived", equalTo(false));
    given()
        .contentType(MERGE_PATCH)
        .header("If-Match", "\"0\"")
        .header("If-None-Match", "\"5\"")
        .body("{\"description\":\"changed\"}")
        .patch(project)
        .then()
        .statusCode(200);
  }
}
