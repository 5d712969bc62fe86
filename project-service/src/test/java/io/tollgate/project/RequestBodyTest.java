package io.tollgate.project;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The body an operation reads: in which media type, what a client is told when there is none, and
 * how its fields are named.
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "project"))
class RequestBodyTest {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  /**
   * A body without a Content-Type was read as JSON, a create answered 201 and a merge patch
   * applied; it is the 415 a body of another media type gets, and changes nothing.
   */
  @Test
  void aBodyWithoutAContentTypeIsA415() throws Exception {
    String key = ProjectApiTest.uniqueKey("NT");
    HttpResponse<String> create =
        send(
            "POST",
            "/api/v1/projects",
            null,
            "{\"key\":\"%s\",\"name\":\"x\",\"methodology\":\"AGILE\"}".formatted(key));
    assertThat(create.statusCode(), equalTo(415));
    assertThat(create.headers().firstValue("Content-Type").orElse(""), startsWith(Api.PROBLEM));
    assertThat(
        create.body(),
        org.hamcrest.Matchers.containsString(
            "the request has no Content-Type; send the body as application/json"));
    given().queryParam("text", key).get("/api/v1/projects").then().body("totalItems", equalTo(0));

    String project = "/api/v1/projects/" + Api.project(null);
    HttpResponse<String> patch = send("PATCH", project, "\"0\"", "{\"name\":\"renamed\"}");
    assertThat(patch.statusCode(), equalTo(415));
    assertThat(
        patch.headers().firstValue("Accept-Patch").orElse(""),
        equalTo("application/merge-patch+json, application/json"));
    given().get(project).then().body("version", equalTo(0)).body("name", startsWith("Gate test"));
  }

  /**
   * An empty body, or the JSON null, was a violation of the field "request", the Java parameter's
   * name: it says what the body must be, as a merge patch's does.
   */
  @Test
  void anEmptyOrNullBodySaysWhatTheBodyMustBe() {
    String project = "/api/v1/projects/" + Api.project(null);
    for (String path :
        List.of("/api/v1/projects", project + "/phase-transitions", project + "/costs")) {
      for (String body : List.of("", "null")) {
        given()
            .contentType(ContentType.JSON)
            .body(body)
            .post(path)
            .then()
            .statusCode(400)
            .contentType(Api.PROBLEM)
            .body("type", equalTo("https://tollgate.io/problems/malformed-body"))
            .body("detail", equalTo("the request body must be a JSON object; it was empty or null"))
            .body("violations", nullValue());
      }
    }
  }

  /**
   * An element of a list is named by its index, not by the validator's "<list element>" (the list
   * itself is named too: without overrideJustification it may not be sent at all).
   */
  @Test
  void aListElementIsNamedByItsIndex() {
    String project = "/api/v1/projects/" + Api.project(null);
    given()
        .contentType(ContentType.JSON)
        .body("{\"to\":\"PLANNING\",\"reason\":\"\",\"overriddenRuleIds\":[\"x\",\"\"]}")
        .post(project + "/phase-transitions")
        .then()
        .statusCode(400)
        .body(
            "violations.field",
            equalTo(List.of("overriddenRuleIds", "overriddenRuleIds[1]", "reason")));
    // and so when it cannot be read
    given()
        .contentType(ContentType.JSON)
        .body("{\"to\":\"PLANNING\",\"reason\":\"r\",\"overriddenRuleIds\":[\"x\",5]}")
        .post(project + "/phase-transitions")
        .then()
        .statusCode(400)
        .body("violations.field", equalTo(List.of("overriddenRuleIds", "overriddenRuleIds[1]")));
    given().get(project).then().body("phase", equalTo("INITIATION"));
  }

  /**
   * A truncated body was answered in Jackson's words ("Unexpected end-of-input ... [Source:
   * REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled) ..."), and a value of the
   * wrong type only "has the wrong type".
   */
  @Test
  void brokenJsonAndAWrongTypeSayWhatIsExpected() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"key\":\"ct\"")
        .post("/api/v1/projects")
        .then()
        .statusCode(400)
        .body("type", equalTo("https://tollgate.io/problems/malformed-body"))
        .body(
            "detail",
            equalTo(
                "the request body ends before the object that begins at line 1, column 1 is"
                    + " closed"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"key\":\"CT\",\"name\":\"x\",\"methodology\":\"AGILE\",\"budget\":\"5 EUR\"}")
        .post("/api/v1/projects")
        .then()
        .statusCode(400)
        .body("violations.field", equalTo(List.of("budget")))
        .body(
            "violations[0].message",
            equalTo("must be a JSON object with amount and currency, not text"));
  }

  /**
   * A value Jackson cannot read (an unknown methodology, a budget given as text) was the only
   * violation answered, hiding the others ("name": "", a key in lower case): all come in one
   * answer, as they do when every value can be read.
   */
  @Test
  void aValueThatCannotBeReadHidesNoOtherViolation() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"key\":\"ct\",\"name\":\"\",\"methodology\":\"BAD\"}")
        .post("/api/v1/projects")
        .then()
        .statusCode(400)
        .body("detail", equalTo("3 fields are not valid"))
        .body("violations.field", equalTo(List.of("key", "methodology", "name")))
        .body(
            "violations.find { it.field == 'methodology' }.message",
            equalTo("must be a valid one of AGILE, WATERFALL, HYBRID"));
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"key":"CT","name":"","methodology":"AGILE","startDate":"2026-05-01",
             "targetDate":"2026-04-01","budget":"5 EUR","colour":"red",
             "stakeholders":[1]}""")
        .post("/api/v1/projects")
        .then()
        .statusCode(400)
        .body(
            "violations.field",
            equalTo(List.of("budget", "colour", "name", "stakeholders", "targetDate")));
    String project = "/api/v1/projects/" + Api.project(null);
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"name\":\"\",\"methodology\":\"BAD\",\"startDate\":\"soon\"}")
        .patch(project)
        .then()
        .statusCode(400)
        .body("violations.field", equalTo(List.of("methodology", "name", "startDate")));
    given().get(project).then().body("version", equalTo(0));
  }

  /** Sends {@code body} without a Content-Type, which REST Assured would add. */
  private static HttpResponse<String> send(String method, String path, String ifMatch, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
            .header("Authorization", TestTokens.bearer("alice", "MEMBER"))
            .method(method, HttpRequest.BodyPublishers.ofString(body));
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
