package io.tollgate.project;

import static io.restassured.RestAssured.given;
import static io.tollgate.project.Api.PROBLEM;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tollgate.project.Broker.Milestone;
import io.tollgate.project.Broker.Risk;
import io.tollgate.project.service.HealthMonitor;
import io.tollgate.testing.EventCollector;
import io.tollgate.testing.JsonSchemas;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Health ratings, their announcement as events, and the portfolio view. */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "project"))
class HealthPortfolioTest {

  static final String HEALTH_SCHEMA =
      "META-INF/resources/asyncapi/schemas/project-health-changed.v1.json";
  static final String HEALTH_CHANGED = "tollgate.project.health-changed.v1";
  static final ObjectMapper JSON = new ObjectMapper();
  static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

  @Inject EntityManager em;
  @Inject HealthMonitor monitor;

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  static JsonNode data(ConsumerRecord<String, String> r) {
    try {
      return JSON.readTree(r.value()).path("data");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static ConsumerRecord<String, String> awaitHealth(
      EventCollector events, String projectId, String rating) {
    ConsumerRecord<String, String> r =
        events.awaitRecord(
            e ->
                projectId.equals(e.key())
                    && e.value().contains(HEALTH_CHANGED)
                    && rating.equals(data(e).path("rating").asText()),
            Duration.ofSeconds(30));
    JsonSchemas.assertConforms(HEALTH_SCHEMA, r.value());
    return r;
  }

  @Test
  void aCriticalRiskTurnsTheProjectRedAndClosingItGreenAgainEachAnnounced() {
    try (EventCollector events = EventCollector.fromEnd("project.events")) {
      String id = Api.project(LifecycleApiTest.EUR_BUDGET);
      Risk risk = new Risk(id, "CRITICAL").title("Data migration may corrupt accounts");
      Broker.publishAndAwait(em, risk, GateEventsTest.ASSESSED);
      JsonNode red = data(awaitHealth(events, id, "RED"));
      assertEquals("GREEN", red.path("previousRating").asText());
      assertEquals("RISK", red.path("reasons").get(0).path("dimension").asText());
      assertEquals(
          "1 critical risk is open: \"Data migration may corrupt accounts\"",
          red.path("reasons").get(0).path("message").asText());
      assertEquals(
          risk.id.toString(), red.path("reasons").get(0).path("relatedIds").get(0).asText());
      assertEquals(id, red.path("projectId").asText());
      given()
          .get("/api/v1/projects/" + id + "/health")
          .then()
          .statusCode(200)
          .body("rating", equalTo("RED"))
          .body("reasons[0].message", containsString("critical risk"));

      // a second critical risk: still RED, but on other grounds, which a reader must see
      Risk second = new Risk(id, "CRITICAL").title("Vendor insolvency");
      Broker.publishAndAwait(em, second, GateEventsTest.ASSESSED);
      JsonNode stillRed =
          data(
              events.awaitRecord(
                  e ->
                      id.equals(e.key())
                          && e.value().contains(HEALTH_CHANGED)
                          && "RED".equals(data(e).path("previousRating").asText())
                          && data(e).path("reasons").get(0).path("relatedIds").size() == 2,
                  Duration.ofSeconds(30)));
      assertEquals("RED", stillRed.path("rating").asText());
      assertTrue(stillRed.path("reasons").get(0).path("message").asText().startsWith("2 critical"));
      Broker.publishAndAwait(em, second.close(), GateEventsTest.CLOSED);
      Broker.publishAndAwait(em, risk.close(), GateEventsTest.CLOSED);
      JsonNode green = data(awaitHealth(events, id, "GREEN"));
      assertEquals("RED", green.path("previousRating").asText());
      assertEquals(0, green.path("reasons").size());
      // a fence: a change of the project's own, published after anything announced before it (one
      // project's events share a partition, in order), so that an extra announcement is seen
      given()
          .contentType("application/merge-patch+json")
          .header("If-Match", "\"" + Api.version(id) + "\"")
          .body("{\"description\":\"fence\"}")
          .patch("/api/v1/projects/" + id)
          .then()
          .statusCode(200);
      events.awaitRecord(
          r -> ProjectEventsTest.isEvent(r, "tollgate.project.updated.v1", id),
          Duration.ofSeconds(20));
      long announcements =
          events.records().stream()
              .filter(r -> id.equals(r.key()) && r.value().contains(HEALTH_CHANGED))
              .count();
      // GREEN -> RED, RED on two risks, RED on one again, RED -> GREEN; none otherwise
      assertEquals(4, announcements, "one event per change of rating or of its grounds");
    }
  }

  @Test
  void aMilestonePastItsBufferIsRedWithHowLateAndTheGoLiveAtRisk() {
    String id = Api.project(LifecycleApiTest.EUR_BUDGET);
    Milestone audit =
        new Milestone(id).name("Pen test").kind("SECURITY_AUDIT").planned(TODAY.minusDays(16), 10);
    Milestone goLive =
        new Milestone(id).name("Go-live").kind("GO_LIVE").planned(TODAY.plusDays(60), 0);
    Broker.publish(goLive, GateEventsTest.CREATED);
    Broker.publishAndAwait(em, audit, GateEventsTest.CREATED);
    given()
        .queryParam("asOf", TODAY.toString()) // the same day, should midnight pass meanwhile
        .get("/api/v1/projects/" + id + "/health")
        .then()
        .body("rating", equalTo("RED"))
        .body("reasons", hasSize(1))
        .body("reasons[0].dimension", equalTo("SCHEDULE"))
        .body(
            "reasons[0].message",
            equalTo(
                "Security audit \"Pen test\" is 6 days late; go-live on "
                    + TODAY.plusDays(60)
                    + " at risk"))
        .body("reasons[0].relatedIds", contains(audit.id.toString()));
    // as of a date before it was due, the same milestone was on time
    given()
        .queryParam("asOf", TODAY.minusDays(10).toString())
        .get("/api/v1/projects/" + id + "/health")
        .then()
        .body("rating", equalTo("GREEN"))
        .body("reasons", empty());
    given()
        .queryParam("asOf", "yesterday")
        .get("/api/v1/projects/" + id + "/health")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations[0].field", equalTo("asOf"));

    // completed today, six days late: no reason now, and as of yesterday it was still late then
    Broker.publishAndAwait(em, audit.complete(TODAY), GateEventsTest.UPDATED);
    given()
        .get("/api/v1/projects/" + id + "/health")
        .then()
        .body("rating", equalTo("GREEN"))
        .body("reasons", empty());
    given()
        .queryParam("asOf", TODAY.minusDays(1).toString())
        .get("/api/v1/projects/" + id + "/health")
        .then()
        .body("rating", equalTo("RED"))
        .body("reasons[0].message", startsWith("Security audit \"Pen test\" is 5 days late"));
  }

  @Test
  void overspendingAndMissedKpisShowInTheHealthAndTheAnalytics() {
    try (EventCollector events = EventCollector.fromEnd("project.events")) {
      String id = Api.project(LifecycleApiTest.EUR_BUDGET);
      Broker.publishAndAwait(
          em,
          new Milestone(id)
              .planned(TODAY.minusDays(20), 5)
              .value("10000.00")
              .complete(TODAY.minusDays(19)),
          GateEventsTest.COMPLETED);
      FinanceApiTest.cost(id, TODAY.minusDays(10).toString(), "20000", "EUR", "VENDOR")
          .then()
          .statusCode(201);
      JsonNode red = data(awaitHealth(events, id, "RED"));
      assertEquals("COST", red.path("reasons").get(0).path("dimension").asText());
      assertEquals(
          "Costs run over: each 1.00 of work done has cost 2.00 (CPI 0.50); forecast at"
              + " completion EUR 200,000 against a budget of EUR 100,000",
          red.path("reasons").get(0).path("message").asText());

      String otherId = Api.project(null);
      String kpi =
          KpiApiTest.define(otherId, "Uptime", "99.9", "HIGHER_IS_BETTER").header("Location");
      KpiApiTest.measure(kpi, TODAY.minusDays(2).toString(), "99.1").then().statusCode(201);
      KpiApiTest.measure(kpi, TODAY.minusDays(1).toString(), "99.4").then().statusCode(201);
      JsonNode amber = data(awaitHealth(events, otherId, "AMBER"));
      assertEquals("KPI", amber.path("reasons").get(0).path("dimension").asText());
      given()
          .get("/api/v1/projects/" + otherId + "/analytics")
          .then()
          .body("health.rating", equalTo("AMBER"))
          .body(
              "health.reasons[0].message",
              equalTo(
                  "KPI \"Uptime\" missed its target of 99.9 % in its last 2 measurements (latest"
                      + " 99.4 %)"))
          .body("kpis[0].consecutiveMisses", equalTo(2))
          .body("kpis[0].missedLastTwo", equalTo(true));
    }
  }

  /**
   * A Code freeze milestone in the project's read model, in progress, planned five days ago with a
   * buffer of two: due three days ago, with no event having said so.
   *
   * @return the day it was due
   */
  LocalDate codeFreezeDueThreeDaysAgo(String projectId) {
    LocalDate planned = TODAY.minusDays(5);
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "insert into milestone_ref (milestone_id, project_id, name, kind, status,"
                            + " planned_date, buffer_days, deleted, version, updated_at) values"
                            + " (:m, :p, 'Code freeze', 'CODE_FREEZE', 'IN_PROGRESS', :d, 2,"
                            + " false, 0, :now)")
                    .setParameter("m", UUID.randomUUID())
                    .setParameter("p", UUID.fromString(projectId))
                    .setParameter("d", planned)
                    .setParameter("now", OffsetDateTime.now(ZoneOffset.UTC))
                    .executeUpdate());
    return planned.plusDays(2);
  }

  @Test
  void theCalendarAloneCanMakeAProjectLateAndTheMonitorAnnouncesIt() {
    try (EventCollector events = EventCollector.fromEnd("project.events")) {
      // five projects, so that a pass reading two ids at a time (in tests) must cross pages
      List<String> ids = new ArrayList<>();
      LocalDate due = null;
      for (int i = 0; i < 5; i++) {
        String id = Api.project(null);
        ids.add(id);
        // a milestone that became due without any event saying so
        due = codeFreezeDueThreeDaysAgo(id);
      }
      monitor.reevaluateAll();
      for (String id : ids) {
        JsonNode red = data(awaitHealth(events, id, "RED"));
        // as late as on the day the service evaluated it: 3 days, or 4 if midnight (UTC) passed
        // since the test began
        LocalDate evaluatedOn =
            OffsetDateTime.parse(red.path("evaluatedAt").asText())
                .atZoneSameInstant(ZoneOffset.UTC)
                .toLocalDate();
        assertEquals(
            "Code freeze is " + ChronoUnit.DAYS.between(due, evaluatedOn) + " days late",
            red.path("reasons").get(0).path("message").asText());
      }
    }
  }

  /**
   * A cancelled project is no longer rated: its health stays the one it had as it ended, in its own
   * health and in the portfolio, and does not turn RED as the dates of milestones it will never
   * finish pass (here one that became due since, without any event saying so).
   */
  @Test
  void anEndedProjectKeepsTheRatingItEndedWith() {
    String id = Api.project(null);
    Api.transition(id, "CANCELLED", "the vendor product was discontinued").then().statusCode(201);
    codeFreezeDueThreeDaysAgo(id);
    given()
        .get("/api/v1/projects/" + id + "/health")
        .then()
        .statusCode(200)
        .body("rating", equalTo("GREEN"))
        .body("reasons", hasSize(0));
    String key = given().get("/api/v1/projects/" + id).then().extract().path("key");
    given()
        .queryParam("text", key)
        .get("/api/v1/portfolio")
        .then()
        .statusCode(200)
        .body("items[0].health", equalTo("GREEN"));
    // as of a day before it ended, it is assessed as it stood then
    given()
        .queryParam("asOf", TODAY.minusDays(1).toString())
        .get("/api/v1/projects/" + id + "/health")
        .then()
        .body("rating", equalTo("RED"))
        .body("reasons[0].message", equalTo("Code freeze is 2 days late"));
  }

  /**
   * The portfolio gives a project's health reasons as its own health does, word for word, whatever
   * order the risks arrived in (here the reverse of the order they are named in).
   */
  @Test
  void thePortfolioNamesTheSameRisksAsTheProjectsOwnHealth() {
    String key = ProjectApiTest.uniqueKey("O");
    String id = Api.project(key, "AGILE", LifecycleApiTest.EUR_BUDGET);
    List<Risk> risks = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      risks.add(new Risk(id, "HIGH"));
    }
    risks.sort(Comparator.comparing(r -> r.id));
    for (int i = risks.size() - 1; i >= 0; i--) {
      Broker.publishAndAwait(em, risks.get(i).title("Risk " + (i + 1)), GateEventsTest.ASSESSED);
    }
    var health = given().get("/api/v1/projects/" + id + "/health");
    List<String> own = health.path("reasons.message");
    assertTrue(own.get(0).contains("Risk 1"), own.toString());
    given()
        .queryParam("text", key)
        .get("/api/v1/portfolio")
        .then()
        .statusCode(200)
        .body("items[0].healthReasons", equalTo(own))
        // the same reasons as the health read, whole, for one component on both pages
        .body("items[0].healthDetails", equalTo(health.path("reasons")));
  }

  @Test
  void thePortfolioShowsWhatTheCallerMaySeeWithFiguresFiltersAndSorting() {
    String tag = ProjectApiTest.uniqueKey("PF");
    String bobs =
        Api.project(Api.as("bob", "MEMBER"), tag + "B", "WATERFALL", LifecycleApiTest.EUR_BUDGET);
    String alices =
        Api.project(given(), tag + "A", "AGILE", "{\"amount\":\"50000\",\"currency\":\"EUR\"}");
    Broker.publishAndAwait(
        em, new Risk(bobs, "CRITICAL").title("Vendor insolvency"), GateEventsTest.ASSESSED);
    Broker.publishAndAwait(em, new Risk(alices, "MEDIUM"), GateEventsTest.ASSESSED);
    Broker.publishAndAwait(
        em,
        new Milestone(alices)
            .planned(TODAY.minusDays(5), 0)
            .value("10000")
            .complete(TODAY.minusDays(4)),
        GateEventsTest.COMPLETED);
    FinanceApiTest.cost(alices, TODAY.minusDays(1).toString(), "10000", "EUR", "LABOR")
        .then()
        .statusCode(201);

    // a member sees the projects they are a stakeholder of; PMO and ADMIN see all
    given()
        .queryParam("text", tag)
        .get("/api/v1/portfolio")
        .then()
        .statusCode(200)
        .body("totalItems", equalTo(1))
        .body("items[0].key", equalTo(tag + "A"));
    Api.as("bob", "MEMBER")
        .queryParam("text", tag)
        .get("/api/v1/portfolio")
        .then()
        .body("items.key", contains(tag + "B"));
    Api.as("pat", "PMO")
        .queryParam("text", tag)
        .get("/api/v1/portfolio")
        .then()
        .body("items.key", contains(tag + "A", tag + "B"))
        .body("items[0].phase", equalTo("INITIATION"))
        .body("items[0].health", equalTo("GREEN"))
        .body("items[0].budget.amount", equalTo("50000.00"))
        .body("items[0].actualCost.amount", equalTo("10000.00"))
        .body("items[0].budgetBurn", equalTo(0.2f))
        .body("items[0].spi", equalTo(1.0f))
        .body("items[0].cpi", equalTo(1.0f))
        .body("items[0].openRisks.medium", equalTo(1))
        .body("items[0].openRisks.total", equalTo(1))
        .body("items[1].health", equalTo("RED"))
        .body(
            "items[1].healthReasons[0]", equalTo("1 critical risk is open: \"Vendor insolvency\""))
        .body("items[1].openRisks.critical", equalTo(1))
        .body("items[1].actualCost.amount", equalTo("0.00"));
    // bob adds alice: now she sees his project too
    given()
        .header("Authorization", TestTokens.bearer("bob", "MEMBER"))
        .contentType(ContentType.JSON)
        .body(
            "{\"userId\":\"alice\",\"name\":\"Alice\",\"role\":\"BUSINESS\",\"influence\":3,"
                + "\"interest\":4,\"accessRole\":\"VIEWER\"}")
        .post("/api/v1/projects/" + bobs + "/stakeholders")
        .then()
        .statusCode(201);
    given()
        .queryParam("text", tag)
        .queryParam("sort", "-health")
        .get("/api/v1/portfolio")
        .then()
        .body("items.key", contains(tag + "B", tag + "A"));
    given()
        .queryParam("text", tag)
        .queryParam("health", "RED")
        .get("/api/v1/portfolio")
        .then()
        .body("items.key", contains(tag + "B"));
    // "at risk": any of several ratings
    given()
        .queryParam("text", tag)
        .queryParam("health", "AMBER", "RED")
        .queryParam("sort", "-health")
        .get("/api/v1/portfolio")
        .then()
        .statusCode(200)
        .body("items.key", contains(tag + "B"));
    given()
        .queryParam("text", tag)
        .queryParam("health", "GREEN", "RED")
        .queryParam("sort", "-health")
        .get("/api/v1/portfolio")
        .then()
        .body("items.key", contains(tag + "B", tag + "A"));
    given()
        .queryParam("text", tag)
        .queryParam("methodology", "AGILE")
        .get("/api/v1/portfolio")
        .then()
        .body("items.key", contains(tag + "A"));
    given()
        .queryParam("text", tag)
        .queryParam("sort", "budgetBurn")
        .get("/api/v1/portfolio")
        .then()
        .body("items.key", contains(tag + "B", tag + "A"));
    // B's CPI is undefined (nothing spent yet): it sorts last either way
    given()
        .queryParam("text", tag)
        .queryParam("sort", "-cpi")
        .get("/api/v1/portfolio")
        .then()
        .body("items.key", contains(tag + "A", tag + "B"))
        .body("items[1].cpi", nullValue());
    given()
        .queryParam("text", tag)
        .queryParam("sort", "cpi")
        .queryParam("size", 1)
        .get("/api/v1/portfolio")
        .then()
        .body("totalItems", equalTo(2))
        .body("totalPages", equalTo(2))
        .header("Link", containsString("rel=\"next\""));
    given()
        .queryParam("sort", "budget")
        .get("/api/v1/portfolio")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations[0].field", equalTo("sort"));
    given()
        .queryParam("health", "PURPLE")
        .get("/api/v1/portfolio")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("health"));
  }

  /**
   * Sorted by key the database pages the portfolio, whatever its size; an order or filter by the
   * figures needs every matching project's figures and is refused beyond the limit (3 in tests)
   * with how many matched, instead of exhausting the heap.
   */
  @Test
  void aPortfolioTooLargeToComputeIsPagedByKeyAndOtherwiseAsksToBeNarrowed() {
    String tag = ProjectApiTest.uniqueKey("PL");
    for (int i = 1; i <= 4; i++) {
      Api.project(tag + i, "AGILE", null);
    }
    given()
        .queryParam("text", tag)
        .queryParam("size", 3)
        .get("/api/v1/portfolio")
        .then()
        .statusCode(200)
        .body("totalItems", equalTo(4))
        .body("items.key", contains(tag + "1", tag + "2", tag + "3"))
        .body("items[0].health", equalTo("GREEN"))
        .header("Link", containsString("rel=\"next\""));
    given()
        .queryParam("text", tag)
        .queryParam("sort", "-key")
        .queryParam("size", 2)
        .queryParam("page", 1)
        .get("/api/v1/portfolio")
        .then()
        .statusCode(200)
        .body("items.key", contains(tag + "2", tag + "1"));
    given()
        .queryParam("text", tag)
        .queryParam("sort", "-health")
        .get("/api/v1/portfolio")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations[0].field", equalTo("sort"))
        .body("violations[0].message", containsString("4 match, at most 3"));
    given()
        .queryParam("text", tag)
        .queryParam("health", "GREEN")
        .get("/api/v1/portfolio")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("health"));
    // narrowed below the limit, the same order is answered
    given()
        .queryParam("text", tag + "1")
        .queryParam("sort", "-health")
        .get("/api/v1/portfolio")
        .then()
        .statusCode(200)
        .body("items.key", contains(tag + "1"));
  }
}
