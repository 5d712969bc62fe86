package io.tollgate.project;

import static io.restassured.RestAssured.given;
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
 * A value is read as the OpenAPI document types it, or refused by its field: nothing is read by
 * guesswork (root README, "API conventions"). Each refused write stores nothing.
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "project"))
class ReadAsDocumentedTest {

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  /**
   * A date (format: date) sent as a date-time was read as its date, the time and offset dropped:
   * 2026-01-05T23:30:00 was stored as 2026-01-05, which in most zones is the wrong day.
   */
  @Test
  void aDateTimeOrPaddedTextIsNoDate() {
    String key = ProjectApiTest.uniqueKey("D");
    for (String notADate :
        List.of("2026-01-05T23:30:00", "2026-01-05T00:00:00Z", " 2026-01-05", "2026-01-05 ")) {
      given()
          .contentType(ContentType.JSON)
          .body(
              "{\"key\":\"%s\",\"name\":\"x\",\"methodology\":\"AGILE\",\"startDate\":\"%s\"}"
                  .formatted(key, notADate))
          .post("/api/v1/projects")
          .then()
          .statusCode(400)
          .contentType(Api.PROBLEM)
          .body("violations.field", equalTo(List.of("startDate")))
          .body("violations[0].message", equalTo("must be a valid date (YYYY-MM-DD)"));
    }
    given().queryParam("text", key).get("/api/v1/projects").then().body("totalItems", equalTo(0));

    String id = Api.project(null);
    FinanceApiTest.cost(id, "2026-01-05T23:30:00", "\"10.00\"", "EUR", "LABOR")
        .then()
        .statusCode(400)
        .body("violations.field", equalTo(List.of("date")));
    String kpiUrl = KpiApiTest.define(id, "Uptime", "99.9", "HIGHER_IS_BETTER").header("Location");
    given()
        .contentType(ContentType.JSON)
        .body("{\"measuredOn\":\"2026-01-05T00:00:00Z\",\"value\":99.5}")
        .post(kpiUrl + "/measurements")
        .then()
        .statusCode(400)
        .body("violations.field", equalTo(List.of("measuredOn")));
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"targetDate\":\"2026-12-31T12:00:00\"}")
        .patch("/api/v1/projects/" + id)
        .then()
        .statusCode(400)
        .body("violations.field", equalTo(List.of("targetDate")));
    given()
        .get("/api/v1/projects/" + id)
        .then()
        .body("version", equalTo(0))
        .body("targetDate", equalTo("2026-12-31"));
    given().get("/api/v1/projects/" + id + "/costs").then().body("totalItems", equalTo(0));
  }

  /**
   * Whole numbers and decimals the document types as JSON numbers were read from text ("3", " 3 ",
   * "+3"); an amount of money, which it types as text, took "1E+2" and " 5 " although its pattern
   * is plain digits.
   */
  @Test
  void numbersAreNotReadFromTextAndAmountsArePlainDecimals() {
    String id = Api.project(null);
    for (String text : List.of("\"3\"", "\" 3 \"", "\"+3\"")) {
      given()
          .contentType(ContentType.JSON)
          .body(
              """
              {"userId":"guess","name":"Guess","role":"BUSINESS","influence":%s,"interest":3,
               "accessRole":"VIEWER"}"""
                  .formatted(text))
          .post(StakeholderApiTest.url(id))
          .then()
          .statusCode(400)
          .contentType(Api.PROBLEM)
          .body("violations.field", equalTo(List.of("influence")))
          .body(
              "violations[0].message", equalTo("must be a whole number (a JSON number), not text"));
    }
    given()
        .queryParam("userId", "guess")
        .get(StakeholderApiTest.url(id))
        .then()
        .body("totalItems", equalTo(0));
    KpiApiTest.define(id, "Uptime", "\"99.9\"", "HIGHER_IS_BETTER")
        .then()
        .statusCode(400)
        .body("violations.field", equalTo(List.of("target")))
        .body("violations[0].message", equalTo("must be a number (a JSON number), not text"));
    String kpiUrl = KpiApiTest.define(id, "Uptime", "99.9", "HIGHER_IS_BETTER").header("Location");
    KpiApiTest.measure(kpiUrl, "2026-01-31", "\"99.7\"")
        .then()
        .statusCode(400)
        .body("violations.field", equalTo(List.of("value")));

    for (String amount : List.of("\"1E+2\"", "\" 5 \"", "\"+5\"")) {
      FinanceApiTest.cost(id, "2026-01-31", amount, "EUR", "LABOR")
          .then()
          .statusCode(400)
          .body("violations.field", equalTo(List.of("amount")))
          .body(
              "violations[0].message",
              equalTo(
                  "must be a decimal such as \"250000.00\": digits, and a point with more digits"
                      + " (no exponent, + sign or spaces)"));
    }
    given().get("/api/v1/projects/" + id + "/costs").then().body("totalItems", equalTo(0));
    // as documented: a string of digits, or a JSON number
    FinanceApiTest.cost(id, "2026-01-31", "\"12.50\"", "EUR", "LABOR").then().statusCode(201);
    FinanceApiTest.cost(id, "2026-01-31", "12.5", "EUR", "LABOR").then().statusCode(201);
  }
}
