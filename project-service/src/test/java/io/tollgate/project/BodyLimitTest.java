package io.tollgate.project;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An operator may raise the body limit (TOLLGATE_HTTP_MAX_BODY_SIZE_BYTES) above the default 1 MiB:
 * a body within it is read and judged like any other, one over it is a 413 problem.
 */
@QuarkusTest
@TestProfile(BodyLimitTest.ThreeMebibytes.class)
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "project"))
class BodyLimitTest {

  public static class ThreeMebibytes implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("tollgate.http.max-body-size-bytes", Integer.toString(3 << 20));
    }
  }

  static String project(int descriptionLength) {
    return "{\"key\":\"%s\",\"name\":\"Big\",\"methodology\":\"AGILE\",\"description\":\"%s\"}"
        .formatted(ProjectApiTest.uniqueKey("BL"), "x".repeat(descriptionLength));
  }

  @Test
  void aBodyWithinARaisedLimitIsReadAndOneOverItIsRefused() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
    // 2.5 MiB: over the 2 MiB Quarkus allowed before, within the raised limit; read, and refused
    // for what it says (a description of at most 4,000 characters), not for its size
    given()
        .contentType(ContentType.JSON)
        .body(project(5 << 19))
        .post("/api/v1/projects")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("description"));
    given()
        .contentType(ContentType.JSON)
        .body(project(7 << 19))
        .post("/api/v1/projects")
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("detail", containsString(Integer.toString(3 << 20)));
  }
}
