package io.tollgate.project;

import static io.restassured.RestAssured.given;
import static io.tollgate.project.Api.PROBLEM;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A project's budget: exact decimals, ISO 4217 currencies, precise refusals. */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "project"))
class ProjectBudgetTest {

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  static io.restassured.response.Response createWith(String key, String budget) {
    return given()
        .contentType(ContentType.JSON)
        .body(
            "{\"key\":\"%s\",\"name\":\"Budget\",\"methodology\":\"HYBRID\",\"budget\":%s}"
                .formatted(key, budget))
        .post("/api/v1/projects");
  }

  static void nothingStored(String key) {
    given().queryParam("text", key).get("/api/v1/projects").then().body("totalItems", equalTo(0));
  }

  @Test
  void budgetsKeepEveryDigitWhetherSentAsNumberOrString() {
    createWith(ProjectApiTest.uniqueKey("B"), "{\"amount\":250000.5,\"currency\":\"EUR\"}")
        .then()
        .statusCode(201)
        .body("budget.amount", equalTo("250000.50"))
        .body("budget.currency", equalTo("EUR"));
    String id =
        createWith(
                ProjectApiTest.uniqueKey("B"),
                "{\"amount\":\"987654321012345.67\",\"currency\":\"USD\"}")
            .then()
            .statusCode(201)
            .body("budget.amount", equalTo("987654321012345.67"))
            .extract()
            .path("id");
    given()
        .get("/api/v1/projects/" + id)
        .then()
        .body("budget.amount", equalTo("987654321012345.67"));
    createWith(ProjectApiTest.uniqueKey("B"), "{\"amount\":1234567.891,\"currency\":\"KWD\"}")
        .then()
        .statusCode(201)
        .body("budget.amount", equalTo("1234567.891"));
    createWith(ProjectApiTest.uniqueKey("B"), "{\"amount\":\"5000000\",\"currency\":\"JPY\"}")
        .then()
        .statusCode(201)
        .body("budget.amount", equalTo("5000000"));
  }

  @Test
  void badMoneyIsRefusedFieldByFieldAndNothingIsStored() {
    String key = ProjectApiTest.uniqueKey("B");
    createWith(key, "{\"amount\":-10,\"currency\":\"EUR\"}")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations[0].field", equalTo("budget.amount"))
        .body("violations[0].message", equalTo("must be greater than 0"));
    createWith(key, "{\"amount\":\"12abc\",\"currency\":\"EUR\"}")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations[0].field", equalTo("budget.amount"))
        .body("violations[0].message", containsString("decimal"));
    createWith(key, "{\"amount\":true,\"currency\":\"EUR\"}")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("budget.amount"));
    createWith(key, "{\"amount\":100,\"currency\":\"EURO\"}")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("budget.currency"))
        .body("violations[0].message", containsString("ISO 4217"));
    createWith(key, "{\"amount\":100,\"currency\":\"ABC\"}")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("budget.currency"))
        .body("violations[0].message", equalTo("ABC is not an ISO 4217 currency code"));
    createWith(key, "{\"amount\":100.5,\"currency\":\"JPY\"}")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("budget.amount"))
        .body("violations[0].message", equalTo("JPY amounts have no decimals"));
    createWith(key, "{\"amount\":\"10.005\",\"currency\":\"EUR\"}")
        .then()
        .statusCode(400)
        .body("violations[0].message", equalTo("must have at most 2 decimals in EUR"));
    createWith(key, "{\"amount\":\"1234567890123456\",\"currency\":\"EUR\"}")
        .then()
        .statusCode(400)
        .body("violations[0].message", containsString("15 digits"));
    createWith(key, "{\"amount\":0,\"currency\":null}")
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("budget.currency"))
        .body("violations.field", hasItem("budget.amount"));
    nothingStored(key);
  }

  @Test
  void aPatchChangesOrRemovesTheBudgetAndRefusesBadMoneyWithoutChangingAnything() {
    String id =
        createWith(ProjectApiTest.uniqueKey("B"), "{\"amount\":\"1000.00\",\"currency\":\"EUR\"}")
            .path("id");
    String url = "/api/v1/projects/" + id;
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"budget\":{\"amount\":\"abc\"}}")
        .patch(url)
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations[0].field", equalTo("budget.amount"))
        // the same wording as a create's body gets
        .body(
            "violations[0].message",
            equalTo(
                "must be a decimal such as \"250000.00\": digits, and a point with more digits"
                    + " (no exponent, + sign or spaces)"));
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"budget\":{\"currency\":\"XYZ\"}}")
        .patch(url)
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("budget.currency"));
    given().get(url).then().body("version", equalTo(0)).body("budget.amount", equalTo("1000.00"));
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"budget\":{\"amount\":1500.25}}")
        .patch(url)
        .then()
        .statusCode(200)
        .body("budget.amount", equalTo("1500.25"))
        .body("budget.currency", equalTo("EUR"))
        .body("version", equalTo(1));
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"1\"")
        .body("{\"budget\":null}")
        .patch(url)
        .then()
        .statusCode(200)
        .body("budget", nullValue())
        .body("version", equalTo(2));
  }

  /**
   * Once the project has left PLANNING, which its budget let it leave (the BUDGET_SET gate), the
   * budget can be changed but not removed: earned value, EAC and budget burn are measured against
   * it. Held in a later phase, likewise.
   */
  @Test
  void aBudgetCannotBeRemovedOnceTheProjectHasLeftPlanning() {
    String id = Api.project(LifecycleApiTest.EUR_BUDGET);
    Api.walk(id, "PLANNING");
    Api.force(id, "EXECUTION"); // no milestone planned yet
    Api.transition(id, "ON_HOLD", "budget review").then().statusCode(201);
    String url = "/api/v1/projects/" + id;
    String etag = given().get(url).header("ETag");
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", etag)
        .body("{\"budget\":null}")
        .patch(url)
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("detail", containsString("the budget can be changed, not removed"));
    given().get(url).then().header("ETag", etag).body("budget.amount", equalTo("100000.00"));
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", etag)
        .body("{\"budget\":{\"amount\":\"90000.00\"}}")
        .patch(url)
        .then()
        .statusCode(200)
        .body("budget.amount", equalTo("90000.00"));

    // nor once it has ended, from whatever phase
    String cancelled = Api.project(LifecycleApiTest.EUR_BUDGET);
    Api.transition(cancelled, "CANCELLED", "no longer needed").then().statusCode(201);
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", given().get("/api/v1/projects/" + cancelled).header("ETag"))
        .body("{\"budget\":null}")
        .patch("/api/v1/projects/" + cancelled)
        .then()
        .statusCode(409)
        .body("detail", containsString("has ended: the budget can be changed, not removed"));
  }
}
