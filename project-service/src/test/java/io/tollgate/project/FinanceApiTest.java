package io.tollgate.project;

import static io.restassured.RestAssured.given;
import static io.tollgate.project.Api.PROBLEM;
import static org.hamcrest.Matchers.comparesEqualTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.tollgate.project.Broker.Milestone;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cost ledger, benefits and analytics over HTTP, with milestones from the broker. */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "project"))
class FinanceApiTest {

  @Inject EntityManager em;

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  /** Reads JSON numbers as BigDecimal, so ratios are compared exactly. */
  static RequestSpecification exact() {
    return given()
        .config(
            RestAssured.config()
                .jsonConfig(
                    JsonConfig.jsonConfig().numberReturnType(NumberReturnType.BIG_DECIMAL)));
  }

  static BigDecimal $(String value) {
    return new BigDecimal(value);
  }

  static Response cost(
      String projectId, String date, String amount, String currency, String category) {
    return given()
        .contentType(ContentType.JSON)
        .body(
            "{\"date\":\"%s\",\"amount\":%s,\"currency\":\"%s\",\"category\":\"%s\",\"note\":\"n\"}"
                .formatted(date, amount, currency, category))
        .post("/api/v1/projects/" + projectId + "/costs");
  }

  static int costs(String projectId) {
    return given()
        .get("/api/v1/projects/" + projectId + "/costs")
        .then()
        .extract()
        .path("totalItems");
  }

  /**
   * A retry that spells the project's id in capitals, or ends the path with a slash, names the same
   * ledger: it replays the first answer instead of recording the cost twice.
   */
  @Test
  void aRetryWithTheIdSpelledOtherwiseReplaysInsteadOfRecordingTwice() {
    String id = Api.project("{\"amount\":\"1000.00\",\"currency\":\"EUR\"}");
    String body =
        "{\"date\":\"2026-01-31\",\"amount\":\"10.00\",\"currency\":\"EUR\",\"category\":\"LABOR\"}";
    String key = UUID.randomUUID().toString();
    String first =
        given()
            .contentType(ContentType.JSON)
            .header("Idempotency-Key", key)
            .body(body)
            .post("/api/v1/projects/" + id + "/costs")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    for (String path :
        List.of(
            "/api/v1/projects/" + id.toUpperCase(Locale.ROOT) + "/costs",
            "/api/v1/projects/" + id + "/costs/")) {
      given()
          .contentType(ContentType.JSON)
          .header("Idempotency-Key", key)
          .body(body)
          .post(path)
          .then()
          .statusCode(201)
          .header("Idempotent-Replayed", "true")
          .body("id", equalTo(first));
    }
    assertEquals(1, costs(id));
  }

  @Test
  void theLedgerRecordsListsFiltersAndRemovesCosts() {
    String id = Api.project("{\"amount\":\"100000.00\",\"currency\":\"EUR\"}");
    Response first = cost(id, "2026-01-31", "\"12500.5\"", "EUR", "LABOR");
    first
        .then()
        .statusCode(201)
        .header("Location", containsString("/api/v1/projects/" + id + "/costs/"))
        .header("ETag", "\"0\"")
        .body("date", equalTo("2026-01-31"))
        .body("amount.amount", equalTo("12500.50"))
        .body("amount.currency", equalTo("EUR"))
        .body("category", equalTo("LABOR"))
        .body("createdBy", equalTo("alice"));
    cost(id, "2026-02-28", "3000", "EUR", "LICENSING").then().statusCode(201);
    cost(id, "2026-03-31", "0.01", "EUR", "LABOR").then().statusCode(201);
    given()
        .queryParam("category", "LABOR")
        .get("/api/v1/projects/" + id + "/costs")
        .then()
        .statusCode(200)
        .body("items.date", contains("2026-01-31", "2026-03-31"));
    given()
        .queryParam("from", "2026-02-01")
        .queryParam("to", "2026-02-28")
        .get("/api/v1/projects/" + id + "/costs")
        .then()
        .body("items.amount.amount", contains("3000.00"));
    given()
        .queryParam("from", "2026-03-01")
        .queryParam("to", "2026-02-01")
        .get("/api/v1/projects/" + id + "/costs")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations[0].field", equalTo("to"))
        .body("violations[0].message", containsString("must not be before from"));
    given()
        .queryParam("from", "March")
        .get("/api/v1/projects/" + id + "/costs")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("from"));
    given().get(first.header("Location")).then().statusCode(200).header("ETag", "\"0\"");
    given().delete(first.header("Location")).then().statusCode(428);
    given().header("If-Match", "\"0\"").delete(first.header("Location")).then().statusCode(204);
    given().get(first.header("Location")).then().statusCode(404).contentType(PROBLEM);
    org.junit.jupiter.api.Assertions.assertEquals(2, costs(id));
  }

  @Test
  void badMoneyAndMissingFieldsAreRefusedAndNothingIsRecorded() {
    String id = Api.project("{\"amount\":\"100000.00\",\"currency\":\"EUR\"}");
    cost(id, "2026-01-31", "-5", "EUR", "LABOR")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations[0].field", equalTo("amount"))
        .body("violations[0].message", equalTo("must be greater than 0"));
    cost(id, "2026-01-31", "\"ten euros\"", "EUR", "LABOR")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("amount"))
        .body("violations[0].message", containsString("decimal"));
    cost(id, "2026-01-31", "10", "EURO", "LABOR")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("currency"));
    cost(id, "2026-01-31", "10", "USD", "LABOR")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("currency"))
        .body("violations[0].message", startsWith("must be EUR"));
    cost(id, "2026-01-31", "10.001", "EUR", "LABOR")
        .then()
        .statusCode(400)
        .body("violations[0].message", equalTo("must have at most 2 decimals in EUR"));
    // a huge exponent must not wrap the digit count round to a small one (it reached the database)
    cost(id, "2026-01-31", "1E+2147483647", "EUR", "LABOR")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("amount"))
        .body(
            "violations[0].message",
            equalTo("must have at most 15 digits before the decimal point"));
    cost(id, "2026-01-31", "10", "EUR", "BRIBES")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("category"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"amount\":10,\"currency\":\"EUR\"}")
        .post("/api/v1/projects/" + id + "/costs")
        .then()
        .statusCode(400)
        .body("violations.field", hasItems("date", "category"));
    // an empty form: every missing field in one answer, the amount and currency included
    given()
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/projects/" + id + "/costs")
        .then()
        .statusCode(400)
        .body("violations.field", equalTo(List.of("amount", "category", "currency", "date")));
    cost(UUID.randomUUID().toString(), "2026-01-31", "10", "EUR", "LABOR").then().statusCode(404);
    org.junit.jupiter.api.Assertions.assertEquals(0, costs(id));
  }

  @Test
  void allMoneyOfAProjectIsInOneCurrency() {
    String id = Api.project(null);
    cost(id, "2026-01-31", "10", "USD", "VENDOR").then().statusCode(201);
    cost(id, "2026-02-28", "10", "EUR", "VENDOR")
        .then()
        .statusCode(400)
        .body("violations[0].message", startsWith("must be USD"));
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"budget\":{\"amount\":\"5000\",\"currency\":\"EUR\"}}")
        .patch("/api/v1/projects/" + id)
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("budget.currency"))
        .body("violations[0].message", containsString("costs and benefits are in USD"));
    given()
        .get("/api/v1/projects/" + id)
        .then()
        .body("budget", nullValue())
        .body("version", equalTo(0));
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"budget\":{\"amount\":\"5000\",\"currency\":\"USD\"}}")
        .patch("/api/v1/projects/" + id)
        .then()
        .statusCode(200);
  }

  /**
   * Milestones' planned values are amounts in the budget's currency, without one of their own: the
   * budget keeps its currency while they exist, or earned value would re-read them in another.
   */
  @Test
  void aBudgetKeepsItsCurrencyWhileMilestonesCarryPlannedValues() {
    String id = Api.project("{\"amount\":\"250000\",\"currency\":\"EUR\"}");
    Broker.publishAndAwait(em, new Broker.Milestone(id).value("25000.00"), GateEventsTest.CREATED);
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"budget\":{\"amount\":\"300000\",\"currency\":\"USD\"}}")
        .patch("/api/v1/projects/" + id)
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("budget.currency"))
        .body("violations[0].message", containsString("planned values in EUR"));
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"budget\":{\"amount\":\"300000\",\"currency\":\"EUR\"}}")
        .patch("/api/v1/projects/" + id)
        .then()
        .statusCode(200)
        .body("budget.amount", equalTo("300000.00"));
    // nor can the currency be dropped with the budget and another one set afterwards
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"1\"")
        .body("{\"budget\":null}")
        .patch("/api/v1/projects/" + id)
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("detail", containsString("planned values in EUR"));
    given()
        .get("/api/v1/projects/" + id)
        .then()
        .body("budget.currency", equalTo("EUR"))
        .header("ETag", equalTo("\"1\""));
  }

  /** A CPI just below the RED threshold (0.8) never reads as the threshold itself. */
  @Test
  void aPerformanceIndexIsShownOnTheSideOfTheThresholdItWasJudgedOn() {
    String id = Api.project("{\"amount\":\"100000\",\"currency\":\"EUR\"}");
    Milestone done = new Milestone(id).planned(LocalDate.of(2026, 2, 1), 5).value("79996.00");
    Broker.publishAndAwait(em, done.complete(LocalDate.of(2026, 2, 1)), GateEventsTest.COMPLETED);
    cost(id, "2026-02-15", "100000", "EUR", "LABOR").then().statusCode(201);
    exact()
        .get("/api/v1/projects/" + id + "/analytics")
        .then()
        .statusCode(200)
        .body("earnedValue.cpi", comparesEqualTo($("0.7999")));
    given()
        .get("/api/v1/projects/" + id + "/health")
        .then()
        .statusCode(200)
        .body("rating", equalTo("RED"))
        .body("reasons[0].message", containsString("(CPI 0.79"));
  }

  @Test
  void aDeletedMilestonesPlannedValueNoLongerHoldsTheBudgetsCurrency() {
    String id = Api.project("{\"amount\":\"250000\",\"currency\":\"EUR\"}");
    Broker.Milestone valued = new Broker.Milestone(id).value("25000.00");
    Broker.publishAndAwait(em, valued, GateEventsTest.CREATED);
    Broker.publishAndAwait(em, valued.nextVersion(), GateEventsTest.DELETED);
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"budget\":{\"amount\":\"300000\",\"currency\":\"USD\"}}")
        .patch("/api/v1/projects/" + id)
        .then()
        .statusCode(200)
        .body("budget.currency", equalTo("USD"));
  }

  @Test
  void benefitsAreOneOffOrRecurringWithTheirDatesInOrder() {
    String id = Api.project("{\"amount\":\"1000\",\"currency\":\"GBP\"}");
    String url = "/api/v1/projects/" + id + "/benefits";
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"description\":\"Saved licences\",\"amount\":\"200.00\",\"currency\":\"GBP\","
                + "\"recurrence\":\"MONTHLY\",\"startDate\":\"2026-10-01\",\"endDate\":\"2026-09-01\"}")
        .post(url)
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations[0].field", equalTo("endDate"))
        .body("violations[0].message", equalTo("must not be before startDate 2026-10-01"));
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"description\":\"Sale of old servers\",\"amount\":500,\"currency\":\"GBP\","
                + "\"recurrence\":\"ONE_OFF\",\"startDate\":\"2026-10-01\",\"endDate\":\"2026-12-01\"}")
        .post(url)
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("endDate"));
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"description\":\"\",\"amount\":0,\"currency\":\"GBP\",\"recurrence\":\"WEEKLY\","
                + "\"startDate\":\"2026-10-01\"}")
        .post(url)
        .then()
        .statusCode(400)
        // the recurrence that cannot be read, with every other violation
        .body("violations.field", equalTo(List.of("amount", "description", "recurrence")));
    given().get(url).then().body("totalItems", equalTo(0));
    Response added =
        given()
            .contentType(ContentType.JSON)
            .body(
                "{\"description\":\"Saved licences\",\"amount\":\"200\",\"currency\":\"GBP\","
                    + "\"recurrence\":\"QUARTERLY\",\"startDate\":\"2026-10-01\"}")
            .post(url);
    added
        .then()
        .statusCode(201)
        .body("amount.amount", equalTo("200.00"))
        .body("recurrence", equalTo("QUARTERLY"))
        .body("endDate", nullValue());
    given().get(added.header("Location")).then().statusCode(200);
    given().header("If-Match", "\"0\"").delete(added.header("Location")).then().statusCode(204);
    given().get(url).then().body("totalItems", equalTo(0));
  }

  /**
   * The status-date example of EarnedValueTest, through the whole service: milestones published by
   * "milestone-service", costs in the ledger, analytics as of 31 March.
   */
  @Test
  void analyticsComputeEarnedValueAndTheBusinessCase() {
    String id = Api.project("{\"amount\":\"100000.00\",\"currency\":\"EUR\"}");
    Milestone a = new Milestone(id).planned(LocalDate.of(2026, 2, 1), 5).value("20000.00");
    Milestone b = new Milestone(id).planned(LocalDate.of(2026, 3, 15), 5).value("30000.00");
    Milestone c = new Milestone(id).planned(LocalDate.of(2026, 4, 15), 5).value("20000.00");
    Milestone d = new Milestone(id).planned(LocalDate.of(2026, 5, 15), 5).value("30000.00");
    Broker.publish(a.complete(LocalDate.of(2026, 2, 10)), GateEventsTest.COMPLETED);
    Broker.publish(b, GateEventsTest.CREATED);
    Broker.publish(c.complete(LocalDate.of(2026, 3, 25)), GateEventsTest.COMPLETED);
    Broker.publishAndAwait(em, d, GateEventsTest.CREATED);
    cost(id, "2026-01-31", "20000", "EUR", "LABOR").then().statusCode(201);
    cost(id, "2026-03-31", "25000", "EUR", "VENDOR").then().statusCode(201);
    cost(id, "2026-04-30", "55000", "EUR", "LABOR").then().statusCode(201);
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"description\":\"Support cost avoided\",\"amount\":\"25000\",\"currency\":\"EUR\","
                + "\"recurrence\":\"YEARLY\",\"startDate\":\"2027-01-01\"}")
        .post("/api/v1/projects/" + id + "/benefits")
        .then()
        .statusCode(201);

    exact()
        .queryParam("asOf", "2026-03-31")
        .queryParam("horizonEnd", "2031-12-31")
        .get("/api/v1/projects/" + id + "/analytics")
        .then()
        .statusCode(200)
        .body("asOf", equalTo("2026-03-31"))
        .body("currency", equalTo("EUR"))
        .body("budget.amount", equalTo("100000.00"))
        .body("actualCost.amount", equalTo("45000.00"))
        .body("costByCategory.LABOR.amount", equalTo("20000.00"))
        .body("costByCategory.VENDOR.amount", equalTo("25000.00"))
        .body("earnedValue.milestones", equalTo(4))
        .body("earnedValue.bac.amount", equalTo("100000.00"))
        .body("earnedValue.pv.amount", equalTo("50000.00"))
        .body("earnedValue.ev.amount", equalTo("40000.00"))
        .body("earnedValue.ac.amount", equalTo("45000.00"))
        .body("earnedValue.sv.amount", equalTo("-10000.00"))
        .body("earnedValue.cv.amount", equalTo("-5000.00"))
        .body("earnedValue.spi", comparesEqualTo($("0.8")))
        // 0.88888..., rounded down as indexes are
        .body("earnedValue.cpi", comparesEqualTo($("0.8888")))
        .body("earnedValue.eac.amount", equalTo("112500.00"))
        .body("earnedValue.etc.amount", equalTo("67500.00"))
        .body("earnedValue.vac.amount", equalTo("-12500.00"))
        .body("earnedValue.tcpi", comparesEqualTo($("1.0909")))
        .body("earnedValue.percentComplete", comparesEqualTo($("0.4")))
        .body("earnedValue.budgetBurn", comparesEqualTo($("0.45")))
        .body("earnedValue.undefined.size()", equalTo(0))
        // business case to the end of 2031: costs 100,000; benefits 5 x 25,000
        .body("businessCase.horizonEnd", equalTo("2031-12-31"))
        .body("businessCase.totalCosts.amount", equalTo("100000.00"))
        .body("businessCase.totalBenefits.amount", equalTo("125000.00"))
        .body("businessCase.roi", comparesEqualTo($("0.25")))
        .body("businessCase.paybackDate", equalTo("2030-01-01"))
        .body("businessCase.paybackPeriod", equalTo("P3Y11M1D"));
  }

  /**
   * A budget without any milestone has no planned work to be spread over (BAC / 0), so no work can
   * be valued: PV, EV and all that depends on them are undefined, as without a budget, and the
   * costs recorded are not rated. They read as EV 0 and CPI 0: "money spent, no work done", RED.
   */
  @Test
  void aBudgetWithoutMilestonesHasNoWorkToEarnSoItsCostIsNotRated() {
    try (io.tollgate.testing.EventCollector events =
        io.tollgate.testing.EventCollector.fromEnd("project.events")) {
      String key = ProjectApiTest.uniqueKey("NM");
      String id = Api.project(key, "AGILE", "{\"amount\":\"50000.00\",\"currency\":\"EUR\"}");
      cost(id, "2026-01-31", "10000", "EUR", "LABOR").then().statusCode(201);
      cost(id, "2026-03-31", "5000", "EUR", "VENDOR").then().statusCode(201);
      // published after any health change the first cost made (the outbox keeps their order)
      events.awaitRecord(
          r ->
              ProjectEventsTest.isEvent(r, "tollgate.project.cost-recorded.v1", id)
                  && r.value().contains("5000.00"),
          java.time.Duration.ofSeconds(20));
      assertEquals(
          List.of(),
          events.records().stream()
              .filter(r -> ProjectEventsTest.isEvent(r, HealthPortfolioTest.HEALTH_CHANGED, id))
              .map(r -> r.value())
              .toList());
      exact()
          .queryParam("asOf", "2026-06-30")
          .get("/api/v1/projects/" + id + "/analytics")
          .then()
          .statusCode(200)
          .body("actualCost.amount", equalTo("15000.00"))
          .body("earnedValue.milestones", equalTo(0))
          .body("earnedValue.bac.amount", equalTo("50000.00"))
          .body("earnedValue.ac.amount", equalTo("15000.00"))
          .body("earnedValue.pv", nullValue())
          .body("earnedValue.ev", nullValue())
          .body("earnedValue.sv", nullValue())
          .body("earnedValue.cv", nullValue())
          .body("earnedValue.spi", nullValue())
          .body("earnedValue.cpi", nullValue())
          .body("earnedValue.eac", nullValue())
          .body("earnedValue.tcpi", nullValue())
          .body("earnedValue.percentComplete", nullValue())
          .body("earnedValue.budgetBurn", comparesEqualTo($("0.3")))
          .body("earnedValue.undefined.ev", startsWith("the project has no milestones"))
          .body("earnedValue.undefined.cpi", startsWith("the project has no milestones"))
          .body("earnedValue.undefined.budgetBurn", nullValue())
          .body("health.rating", equalTo("GREEN"))
          .body("health.reasons.size()", equalTo(0));
      given()
          .get("/api/v1/projects/" + id + "/health")
          .then()
          .statusCode(200)
          .body("rating", equalTo("GREEN"))
          .body("reasons.size()", equalTo(0));
      exact()
          .queryParam("text", key)
          .get("/api/v1/portfolio")
          .then()
          .statusCode(200)
          .body("items.size()", equalTo(1))
          .body("items[0].health", equalTo("GREEN"))
          .body("items[0].healthReasons.size()", equalTo(0))
          .body("items[0].spi", nullValue())
          .body("items[0].cpi", nullValue())
          .body("items[0].actualCost.amount", equalTo("15000.00"))
          .body("items[0].budgetBurn", comparesEqualTo($("0.3")));
    }
  }

  /**
   * Three milestones sharing a budget of 100 evenly, one of them done and two planned by asOf: EV
   * is a third of the budget and PV two thirds, so SPI is 0.5 exactly, and rounded down for display
   * it must not read 0.4999 (as a quotient of the rounded thirds did).
   */
  @Test
  void anIndexOfEvenSharesOfTheBudgetIsExact() {
    String id = Api.project("{\"amount\":\"100.00\",\"currency\":\"EUR\"}");
    Milestone a = new Milestone(id).name("A").planned(LocalDate.of(2026, 3, 1), 5);
    Milestone b =
        new Milestone(id).name("B").planned(LocalDate.of(2026, 6, 1), 5).status("IN_PROGRESS");
    Milestone c = new Milestone(id).name("C").planned(LocalDate.of(2026, 9, 1), 5);
    Broker.publish(a.complete(LocalDate.of(2026, 3, 1)), GateEventsTest.COMPLETED);
    Broker.publish(b, GateEventsTest.CREATED);
    Broker.publishAndAwait(em, c, GateEventsTest.CREATED);
    exact()
        .queryParam("asOf", "2026-07-01")
        .get("/api/v1/projects/" + id + "/analytics")
        .then()
        .statusCode(200)
        .body("earnedValue.milestones", equalTo(3))
        .body("earnedValue.pv.amount", equalTo("66.67"))
        .body("earnedValue.ev.amount", equalTo("33.33"))
        .body("earnedValue.sv.amount", equalTo("-33.33"))
        .body("earnedValue.spi", comparesEqualTo($("0.5")))
        .body("earnedValue.percentComplete", comparesEqualTo($("0.3333")));
  }

  @Test
  void withNothingRecordedTheRatiosAreUndefinedWithReasonsAndBadDatesAre400() {
    String id = Api.project(null);
    exact()
        .get("/api/v1/projects/" + id + "/analytics")
        .then()
        .statusCode(200)
        .body("currency", nullValue())
        .body("actualCost.amount", equalTo("0.00"))
        .body("earnedValue.spi", nullValue())
        .body("earnedValue.cpi", nullValue())
        .body("earnedValue.eac", nullValue())
        // neither milestones nor a budget: no work can be valued, so not even PV and EV are 0
        .body("earnedValue.pv", nullValue())
        .body("earnedValue.ev", nullValue())
        .body("earnedValue.undefined.spi", containsString("no milestones and no budget"))
        .body("earnedValue.undefined.cpi", containsString("no milestones and no budget"))
        .body("earnedValue.undefined.eac", containsString("no budget"))
        .body("businessCase.roi", nullValue())
        .body("businessCase.undefined.roi", startsWith("no cost"));
    // not a date, or a year Java reads but PostgreSQL's dates end before (or no client means)
    for (String asOf : new String[] {"31/03/2026", "-5000-01-01", "+99999999-01-01"}) {
      given()
          .queryParam("asOf", asOf)
          .get("/api/v1/projects/" + id + "/analytics")
          .then()
          .statusCode(400)
          .contentType(PROBLEM)
          .body("violations[0].field", equalTo("asOf"));
    }
    // the business case over a horizon that has passed (a retrospective) does not depend on asOf
    given()
        .queryParam("asOf", "2026-06-30")
        .queryParam("horizonEnd", "2026-01-01")
        .get("/api/v1/projects/" + id + "/analytics")
        .then()
        .statusCode(200)
        .body("asOf", equalTo("2026-06-30"))
        .body("businessCase.horizonEnd", equalTo("2026-01-01"));
    // the default horizon (asOf + 3 years) stops at the last date the API writes, not in year 10002
    given()
        .queryParam("asOf", "9999-12-31")
        .get("/api/v1/projects/" + id + "/analytics")
        .then()
        .statusCode(200)
        .body("businessCase.horizonEnd", equalTo("9999-12-31"));
    given().get("/api/v1/projects/" + UUID.randomUUID() + "/analytics").then().statusCode(404);
  }

  /**
   * A business case that would count more benefit occurrences than the service lists in one request
   * is refused on its horizon, and a nearer horizon is answered.
   */
  @Test
  void aHorizonThatWouldCountTooManyOccurrencesIsRefused() {
    String id = Api.project("{\"amount\":\"1000\",\"currency\":\"EUR\"}");
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"description\":\"Rent saved\",\"amount\":\"10\",\"currency\":\"EUR\","
                + "\"recurrence\":\"MONTHLY\",\"startDate\":\"1000-01-01\"}")
        .post("/api/v1/projects/" + id + "/benefits")
        .then()
        .statusCode(201);
    given()
        .queryParam("horizonEnd", "9999-12-31")
        .get("/api/v1/projects/" + id + "/analytics")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations[0].field", equalTo("horizonEnd"))
        .body("violations[0].message", containsString("more than 100000"));
    // without a horizonEnd the default horizon follows asOf: the refusal names what was sent
    given()
        .queryParam("asOf", "9999-12-31")
        .get("/api/v1/projects/" + id + "/analytics")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations", hasSize(1))
        .body("violations[0].field", equalTo("asOf"))
        .body("violations[0].message", containsString("more than 100000"))
        .body("violations[0].message", containsString("horizonEnd"));
    given()
        .queryParam("asOf", "1009-12-31")
        .queryParam("horizonEnd", "1009-12-31")
        .get("/api/v1/projects/" + id + "/analytics")
        .then()
        .statusCode(200)
        .body("businessCase.totalBenefits.amount", equalTo("1200.00"));
  }

  /**
   * The computed reads (analytics, health, gates) carry an ETag that is a digest of what they show:
   * a dashboard polling with If-None-Match gets 304 until a change moves a figure.
   */
  @Test
  void computedReadsAnswer304UntilWhatTheyShowChanges() {
    String id = Api.project("{\"amount\":\"100000\",\"currency\":\"EUR\"}");
    String analytics = "/api/v1/projects/" + id + "/analytics?asOf=2026-06-30";
    String tag = given().get(analytics).then().statusCode(200).extract().header("ETag");
    org.junit.jupiter.api.Assertions.assertNotNull(tag, "analytics without an ETag");
    given().header("If-None-Match", tag).get(analytics).then().statusCode(304);
    cost(id, "2026-01-31", "\"1500.00\"", "EUR", "LABOR").then().statusCode(201);
    String moved =
        given()
            .header("If-None-Match", tag)
            .get(analytics)
            .then()
            .statusCode(200)
            .extract()
            .header("ETag");
    org.junit.jupiter.api.Assertions.assertNotEquals(tag, moved);
    for (String read : new String[] {"/health", "/gates"}) {
      String current =
          given()
              .get("/api/v1/projects/" + id + read)
              .then()
              .statusCode(200)
              .extract()
              .header("ETag");
      given()
          .header("If-None-Match", current)
          .get("/api/v1/projects/" + id + read)
          .then()
          .statusCode(304);
    }
  }

  static final String FINANCE_SCHEMA =
      "META-INF/resources/asyncapi/schemas/project-finance-event.v1.json";

  /**
   * An ERP or BI integrator keeps the ledger and the business case from project.events: each cost
   * and benefit recorded or removed is an event with the entry as the API shows it.
   */
  @Test
  void costsAndBenefitsRecordedOrRemovedArePublished() {
    try (io.tollgate.testing.EventCollector events =
        io.tollgate.testing.EventCollector.fromEnd("project.events")) {
      String id = Api.project("{\"amount\":\"100000\",\"currency\":\"EUR\"}");
      String costUrl =
          cost(id, "2026-01-31", "\"1500.00\"", "EUR", "VENDOR")
              .then()
              .statusCode(201)
              .extract()
              .header("Location");
      var recorded =
          events.awaitRecord(
              r -> ProjectEventsTest.isEvent(r, "tollgate.project.cost-recorded.v1", id),
              java.time.Duration.ofSeconds(20));
      io.tollgate.testing.JsonSchemas.assertConforms(FINANCE_SCHEMA, recorded.value());
      var data = ProjectEventsTest.json(recorded).path("data");
      org.junit.jupiter.api.Assertions.assertEquals(
          "1500.00", data.path("cost").path("amount").path("amount").asText());
      org.junit.jupiter.api.Assertions.assertEquals(
          "VENDOR", data.path("cost").path("category").asText());
      org.junit.jupiter.api.Assertions.assertEquals("alice", data.path("changedBy").asText());
      given().header("If-Match", "\"0\"").delete(costUrl).then().statusCode(204);
      var removed =
          events.awaitRecord(
              r -> ProjectEventsTest.isEvent(r, "tollgate.project.cost-removed.v1", id),
              java.time.Duration.ofSeconds(20));
      io.tollgate.testing.JsonSchemas.assertConforms(FINANCE_SCHEMA, removed.value());
      org.junit.jupiter.api.Assertions.assertEquals(
          data.path("cost").path("id").asText(),
          ProjectEventsTest.json(removed).path("data").path("cost").path("id").asText());
      given()
          .contentType(ContentType.JSON)
          .body(
              "{\"description\":\"Licence savings\",\"amount\":\"4000\",\"currency\":\"EUR\","
                  + "\"recurrence\":\"MONTHLY\",\"startDate\":\"2026-10-01\"}")
          .post("/api/v1/projects/" + id + "/benefits")
          .then()
          .statusCode(201);
      var added =
          events.awaitRecord(
              r -> ProjectEventsTest.isEvent(r, "tollgate.project.benefit-added.v1", id),
              java.time.Duration.ofSeconds(20));
      io.tollgate.testing.JsonSchemas.assertConforms(FINANCE_SCHEMA, added.value());
      org.junit.jupiter.api.Assertions.assertEquals(
          "MONTHLY",
          ProjectEventsTest.json(added).path("data").path("benefit").path("recurrence").asText());
    }
  }
}
