package io.tollgate.project;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.config.HeaderConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.tollgate.testing.TestTokens;

/** Requests the tests share: creating projects, moving them, acting as another user. */
final class Api {

  static final String PROBLEM = "application/problem+json";

  private Api() {}

  /**
   * A request as {@code user} with {@code roles}, instead of the default caller (alice, MEMBER).
   */
  static RequestSpecification as(String user, String... roles) {
    return given()
        .config(
            RestAssured.config()
                .headerConfig(
                    HeaderConfig.headerConfig().overwriteHeadersWithName("Authorization")))
        .header("Authorization", TestTokens.bearer(user, roles));
  }

  static RequestSpecification admin() {
    return as("carol", "ADMIN");
  }

  /** Creates a project (optionally with a budget, as JSON) and returns its id. */
  static String project(String budgetJson) {
    return project(ProjectApiTest.uniqueKey("P"), "AGILE", budgetJson);
  }

  static String project(String key, String methodology, String budgetJson) {
    return project(given(), key, methodology, budgetJson);
  }

  static String project(
      RequestSpecification request, String key, String methodology, String budgetJson) {
    String budget = budgetJson == null ? "" : ",\"budget\":" + budgetJson;
    return request
        .contentType(ContentType.JSON)
        .body(
            """
            {"key":"%s","name":"Gate test %s","methodology":"%s","startDate":"2026-01-05",
             "targetDate":"2026-12-31"%s}"""
                .formatted(key, key, methodology, budget))
        .post("/api/v1/projects")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  static Response transition(String projectId, String to, String reason) {
    return transition(given(), projectId, to, reason, null);
  }

  static Response transition(
      RequestSpecification request,
      String projectId,
      String to,
      String reason,
      String overrideJustification) {
    String override =
        overrideJustification == null
            ? ""
            : ",\"overrideJustification\":\"" + overrideJustification + "\"";
    return request
        .contentType(ContentType.JSON)
        .body("{\"to\":\"%s\",\"reason\":\"%s\"%s}".formatted(to, reason, override))
        .post("/api/v1/projects/" + projectId + "/phase-transitions");
  }

  /** Moves a project along a path of phases, each step expected to pass. */
  static void walk(String projectId, String... phases) {
    for (String phase : phases) {
      transition(projectId, phase, "walk to " + phase).then().statusCode(201);
    }
  }

  /** Moves a project to {@code phase} as an ADMIN overriding whatever gates stand in the way. */
  static void force(String projectId, String phase) {
    transition(admin(), projectId, phase, "set up the test", "test set-up").then().statusCode(201);
  }

  static String phase(String projectId) {
    return given().get("/api/v1/projects/" + projectId).then().extract().path("phase");
  }

  static int version(String projectId) {
    return given().get("/api/v1/projects/" + projectId).then().extract().path("version");
  }
}
