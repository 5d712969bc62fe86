package io.tollgate.project;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Everything under /api/ needs a valid token; operational endpoints stay open. */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "project"))
class AuthenticationTest {

  @BeforeEach
  void anonymous() {
    RestAssured.requestSpecification = null;
  }

  void refused(String authorization) {
    var request = given();
    if (authorization != null) {
      request = request.header("Authorization", authorization);
    }
    request
        .get("/api/v1/projects")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", containsString("Bearer"))
        .body("type", equalTo("https://tollgate.io/problems/unauthorized"))
        .body("status", equalTo(401));
  }

  @Test
  void missingExpiredForeignAndWrongAudienceTokensAre401() {
    refused(null);
    refused("Bearer not-a-jwt");
    refused("Bearer " + TestTokens.expired("alice"));
    refused("Bearer " + TestTokens.wrongAudience("alice"));
    refused("Bearer " + TestTokens.foreignSignature("alice"));
  }

  @Test
  void aValidTokenIsAccepted() {
    given()
        .header("Authorization", TestTokens.bearer("alice", "MEMBER"))
        .get("/api/v1/projects")
        .then()
        .statusCode(200);
  }

  /**
   * A token whose user id is longer than the audit can record may read, but a change is refused up
   * front with a problem that says why, not in the database with one about a value never sent.
   */
  @Test
  void aUserIdTooLongToRecordReadsButChangesNothing() {
    String longest = "u".repeat(200);
    String tooLong = "u".repeat(201);
    String body =
        "{\"key\":\"%s\",\"name\":\"Long ids\",\"methodology\":\"AGILE\","
            + "\"startDate\":\"2026-01-05\",\"targetDate\":\"2026-09-30\"}";
    Api.as(tooLong, "MEMBER").get("/api/v1/projects").then().statusCode(200);
    Api.as(tooLong, "MEMBER")
        .contentType("application/json")
        .body(body.formatted(ProjectApiTest.uniqueKey("L")))
        .post("/api/v1/projects")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("detail", org.hamcrest.Matchers.containsString("at most 200 characters"));
    Api.as(longest, "MEMBER")
        .contentType("application/json")
        .body(body.formatted(ProjectApiTest.uniqueKey("L")))
        .post("/api/v1/projects")
        .then()
        .statusCode(201)
        .body("createdBy", org.hamcrest.Matchers.equalTo(longest));
  }

  @Test
  void healthMetricsAndApiDocumentsNeedNoToken() {
    given().get("/q/health/ready").then().statusCode(200);
    given().get("/q/health/live").then().statusCode(200);
    given().get("/q/metrics").then().statusCode(200);
    given().get("/q/openapi").then().statusCode(200);
    given().get("/asyncapi/asyncapi.yaml").then().statusCode(200);
  }
}
