package io.tollgate.project;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.testing.InputMatrix;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input is a 4xx problem and changes nothing, on every operation of this service's OpenAPI
 * document: wrong types, nulls, huge or unstorable text, out-of-range numbers and broken bodies in
 * every field of every request body, bad query parameters, and path parameters that are no id. The
 * matrix is generated from the document, so a new route or field is covered the day it is added.
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "project"))
class MalformedInputTest {

  private static final String BUDGET = "{\"amount\":\"100000.00\",\"currency\":\"EUR\"}";

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("olivia", "MEMBER");
  }

  @Test
  void noMalformedRequestIsAServerErrorOrChangesWhatIsStored() {
    String key = ProjectApiTest.uniqueKey("M");
    String id = Api.project(given(), key, "AGILE", BUDGET);
    String project = "/api/v1/projects/" + id;

    InputMatrix.Result owner =
        InputMatrix.fromOpenApi()
            .as(TestTokens.bearer("olivia", "MEMBER"))
            .pathValue("id", id)
            // a valid create whose key is taken, so that a variant that passes creates no project
            .body(
                "POST /api/v1/projects",
                "{\"key\":\"%s\",\"name\":\"Taken\",\"methodology\":\"AGILE\",\"budget\":%s}"
                    .formatted(key, BUDGET))
            .stateOf(project, project + "/history?size=1")
            .run();
    String betweenPasses = versionAndHistory(project);
    // a field only an ADMIN may send (a gate override's justification) is read only for one
    InputMatrix.Result admin =
        InputMatrix.fromOpenApi()
            .as(TestTokens.bearer("carol", "ADMIN"))
            .pathValue("id", id)
            .only(op -> op.bodyMentions("ADMIN"))
            .stateOf(project, project + "/history?size=1")
            .run();

    report("olivia (OWNER)", owner);
    report("carol (ADMIN)", admin);
    assertTrue(owner.operations() >= 30, "the matrix found too few operations");
    assertTrue(admin.operations() >= 1, "no request body has a field only an ADMIN may send");
    List<String> failures = new ArrayList<>(owner.failures());
    failures.addAll(admin.failures());
    assertTrue(
        failures.isEmpty(),
        failures.size()
            + " malformed requests were not refused properly:\n"
            + String.join("\n", failures));
    // The matrix read the project's ETag and history count around every write and failed any
    // refused write that changed them. A pass that had no write accepted must also leave both as
    // they were before it, as the ADMIN's does (its variants of a gate override are all refused).
    // The owner's always has some accepted (a merge patch of {}, for one): for it, the matrix's
    // checks around each write are the check.
    if (admin.accepted().isEmpty()) {
      assertEquals(
          betweenPasses, versionAndHistory(project), "the ADMIN's malformed writes changed it");
    }
  }

  /** The project's version (its ETag) and the number of entries in its history. */
  private static String versionAndHistory(String project) {
    String etag = given().get(project).then().statusCode(200).extract().header("ETag");
    Number history =
        given()
            .queryParam("size", 1)
            .get(project + "/history")
            .then()
            .statusCode(200)
            .extract()
            .path("totalItems");
    return "ETag " + etag + ", " + history + " history entries";
  }

  private static void report(String who, InputMatrix.Result result) {
    System.out.printf(
        "%s: %d operations, %d requests in %d ms, %d failures, %d writes accepted%n",
        who,
        result.operations(),
        result.requests(),
        result.millis(),
        result.failures().size(),
        result.accepted().size());
    result.skipped().forEach(s -> System.out.println("  skipped: " + s));
    result.accepted().forEach(s -> System.out.println("  accepted: " + s));
  }
}
