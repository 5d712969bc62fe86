package io.tollgate.project;

import static io.restassured.RestAssured.given;
import static io.tollgate.project.Api.PROBLEM;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every change is in the history; the project reads as it was at any instant. */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "project"))
class HistoryAsOfTest {

  @Inject EntityManager em;

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  static String history(String id) {
    return "/api/v1/projects/" + id + "/history";
  }

  static String patch(String id, int version, String body) {
    return given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"" + version + "\"")
        .body(body)
        .patch("/api/v1/projects/" + id)
        .then()
        .statusCode(200)
        .extract()
        .path("updatedAt");
  }

  /** The target of a response's {@code Link} with rel="next", or null. */
  static String next(io.restassured.response.Response response) {
    for (String value : response.headers().getValues("Link")) {
      for (String link : value.split(",\\s*(?=<)")) {
        if (link.contains("rel=\"next\"")) {
          return link.replaceAll("^\\s*<([^>]+)>.*$", "$1");
        }
      }
    }
    return null;
  }

  /**
   * Paging through the history while changes are made: the next page's Link is pinned to what the
   * first page saw, so no entry is shown twice or skipped, and the new change is on the first page
   * of a fresh read.
   */
  @Test
  void pagesFollowedByTheirLinksStayPutWhileChangesAreMade() {
    String id = ProjectApiTest.create(ProjectApiTest.uniqueKey("P")).path("id");
    for (int version = 0; version < 4; version++) {
      patch(id, version, "{\"description\":\"take " + version + "\"}");
    }
    // 6 entries: created, the creator added as OWNER, 4 updates
    var first = given().queryParam("size", 2).get(history(id));
    first.then().statusCode(200).body("totalItems", equalTo(6));
    List<Integer> seen = new ArrayList<>(first.path("items.sequence"));
    patch(id, 4, "{\"description\":\"made while paging\"}");
    String next = next(first);
    assertTrue(next.contains("before=" + (seen.get(0) + 1)), next);
    while (next != null) {
      var page = given().get(next.replaceFirst("^https?://[^/]+", ""));
      page.then().statusCode(200).body("totalItems", equalTo(6));
      seen.addAll(page.path("items.sequence"));
      next = next(page);
    }
    List<Integer> distinct = seen.stream().distinct().toList();
    assertEquals(6, distinct.size(), "each entry once: " + seen);
    assertEquals(seen, distinct);
    given()
        .queryParam("size", 1)
        .get(history(id))
        .then()
        .body("totalItems", equalTo(7))
        .body("items[0].after.description", equalTo("made while paging"));
    given().queryParam("before", "0").get(history(id)).then().statusCode(400);
  }

  /** The target of a response's {@code Link} with the given rel, or null. */
  static String link(io.restassured.response.Response response, String rel) {
    for (String value : response.headers().getValues("Link")) {
      for (String link : value.split(",\\s*(?=<)")) {
        if (link.contains("rel=\"" + rel + "\"")) {
          return link.replaceAll("^\\s*<([^>]+)>.*$", "$1").replaceFirst("^https?://[^/]+", "");
        }
      }
    }
    return null;
  }

  /**
   * A client that opens the history on a later page (a numbered paginator) gets links pinned to the
   * whole list as it was, not to the page it opened: its neighbours are the pages either side, and
   * a change made meanwhile neither shifts nor hides an entry.
   */
  @Test
  void pagesOpenedInTheMiddleLinkToTheirNeighbours() {
    String id = ProjectApiTest.create(ProjectApiTest.uniqueKey("P")).path("id");
    for (int version = 0; version < 4; version++) {
      patch(id, version, "{\"description\":\"take " + version + "\"}");
    }
    // 6 entries, newest first: s5 .. s0
    List<Integer> all = given().queryParam("size", 6).get(history(id)).path("items.sequence");
    var middle = given().queryParam("page", 1).queryParam("size", 2).get(history(id));
    middle.then().statusCode(200).body("totalItems", equalTo(6));
    assertEquals(all.subList(2, 4), middle.path("items.sequence"));
    patch(id, 4, "{\"description\":\"made while paging\"}");
    String next = link(middle, "next");
    String prev = link(middle, "prev");
    assertTrue(next.contains("before=" + (all.get(0) + 1)), next);
    given()
        .get(next)
        .then()
        .statusCode(200)
        .body("totalItems", equalTo(6))
        .body("items.sequence", equalTo(all.subList(4, 6)));
    given()
        .get(prev)
        .then()
        .statusCode(200)
        .body("totalItems", equalTo(6))
        .body("items.sequence", equalTo(all.subList(0, 2)));
  }

  /** One entity's changes, or one person's, for a "changes to this item" panel. */
  @Test
  void historyNarrowsToOneEntityOrOneActor() {
    String id = ProjectApiTest.create(ProjectApiTest.uniqueKey("P")).path("id");
    patch(id, 0, "{\"description\":\"by alice\"}");
    String stakeholder =
        StakeholderApiTest.add(id, "bob", "EDITOR").then().statusCode(201).extract().path("id");
    TestTokens.authenticateRestAssured("bob", "MEMBER");
    int version = given().get("/api/v1/projects/" + id).path("version");
    patch(id, version, "{\"description\":\"by bob\"}");
    TestTokens.authenticateRestAssured("alice", "MEMBER");
    given()
        .queryParam("entityId", stakeholder)
        .get(history(id))
        .then()
        .statusCode(200)
        .body("totalItems", equalTo(1))
        .body("items[0].action", equalTo("STAKEHOLDER_ADDED"));
    given()
        .queryParam("actor", "bob")
        .get(history(id))
        .then()
        .statusCode(200)
        .body("totalItems", equalTo(1))
        .body("items[0].after.description", equalTo("by bob"));
    given()
        .queryParam("entityId", id)
        .queryParam("actor", "alice")
        .get(history(id))
        .then()
        .statusCode(200)
        .body("items.action", everyItem(org.hamcrest.Matchers.startsWith("PROJECT_")));
    given()
        .queryParam("entityId", "1-2-3-4-5")
        .get(history(id))
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations[0].field", equalTo("entityId"));
  }

  /**
   * Replicas' clocks disagree: a change made later on a replica whose clock runs behind carries the
   * earlier time. The project as of a moment after both changes is the one the later change made
   * (the order the changes were made in, under the project's lock), and the later transition is
   * listed first; ordered by their clock readings, the earlier change would win.
   */
  @Test
  void theOrderOfChangesWinsOverTheirReplicasClocks() {
    String id = Api.project(LifecycleApiTest.EUR_BUDGET);
    patch(id, 0, "{\"description\":\"first\"}");
    String t2 = patch(id, 1, "{\"description\":\"second\"}");
    Api.transition(id, "PLANNING", "charter signed").then().statusCode(201);
    Api.transition(id, "INITIATION", "charter withdrawn").then().statusCode(201);
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              // the replica that made the later of each pair ran ten seconds behind
              em.createNativeQuery(
                      "update project_history set occurred_at = occurred_at - interval '10 s'"
                          + " where project_id = :p and after_state like '%second%'")
                  .setParameter("p", UUID.fromString(id))
                  .executeUpdate();
              em.createNativeQuery(
                      "update phase_transition set occurred_at = occurred_at - interval '10 s'"
                          + " where project_id = :p and reason = 'charter withdrawn'")
                  .setParameter("p", UUID.fromString(id))
                  .executeUpdate();
            });
    given()
        .queryParam("asOf", t2)
        .get("/api/v1/projects/" + id)
        .then()
        .statusCode(200)
        .body("description", equalTo("second"));
    given()
        .get("/api/v1/projects/" + id + "/phase-transitions")
        .then()
        .statusCode(200)
        .body("items.reason", contains("charter withdrawn", "charter signed"));
  }

  @Test
  void aSequenceOfChangesIsKeptWithWhoWhenAndWhatAndReadsBackAsItWas() {
    String key = ProjectApiTest.uniqueKey("H");
    var created = ProjectApiTest.create(key);
    String id = created.path("id");
    String t0 = created.path("updatedAt");
    String t1 = patch(id, 0, "{\"name\":\"CRM replacement (phase 1)\"}");
    String t2 = patch(id, 1, "{\"budget\":{\"amount\":\"250000.00\",\"currency\":\"EUR\"}}");
    String t3 =
        Api.transition(Api.admin(), id, "PLANNING", "Charter signed", null)
            .then()
            .statusCode(201)
            .extract()
            .path("changedAt");
    String bob = StakeholderApiTest.add(id, "bob", "EDITOR").path("id");
    FinanceApiTest.cost(id, "2026-01-31", "1200", "EUR", "LICENSING").then().statusCode(201);
    String kpi = KpiApiTest.define(id, "Adoption", "80", "HIGHER_IS_BETTER").header("Location");
    KpiApiTest.measure(kpi, "2026-01-31", "35").then().statusCode(201);
    given()
        .header("If-Match", "\"0\"")
        .delete("/api/v1/projects/" + id + "/stakeholders/" + bob)
        .then()
        .statusCode(204);

    given()
        .get(history(id))
        .then()
        .statusCode(200)
        .body("totalItems", equalTo(10))
        .body(
            "items.action",
            contains(
                "STAKEHOLDER_REMOVED",
                "KPI_MEASURED",
                "KPI_DEFINED",
                "COST_RECORDED",
                "STAKEHOLDER_ADDED",
                "PHASE_CHANGED",
                "PROJECT_UPDATED",
                "PROJECT_UPDATED",
                "STAKEHOLDER_ADDED",
                "PROJECT_CREATED"))
        // who
        .body("items[4].actor", equalTo("alice"))
        .body("items[5].actor", equalTo("carol"))
        // what: before and after
        .body("items[0].entityId", equalTo(bob))
        .body("items[0].before.accessRole", equalTo("EDITOR"))
        .body("items[0].after", nullValue())
        .body("items[5].changedFields", contains("phase"))
        .body("items[5].before.phase", equalTo("INITIATION"))
        .body("items[5].after.phase", equalTo("PLANNING"))
        .body("items[6].changedFields", contains("budget"))
        .body("items[6].before.budget", nullValue())
        .body("items[6].after.budget.amount", equalTo("250000.00"))
        .body("items[7].changedFields", contains("name"))
        .body("items[7].before.name", equalTo("CRM replacement"))
        .body("items[7].after.name", equalTo("CRM replacement (phase 1)"))
        .body("items[9].before", nullValue())
        .body("items[9].after.key", equalTo(key));

    // as it was: at each change, and just before it
    given()
        .queryParam("asOf", t0)
        .get("/api/v1/projects/" + id)
        .then()
        .statusCode(200)
        .header("ETag", nullValue())
        .body("name", equalTo("CRM replacement"))
        .body("version", equalTo(0));
    given()
        .queryParam("asOf", OffsetDateTime.parse(t1).minusNanos(1000).toString())
        .get("/api/v1/projects/" + id)
        .then()
        .body("name", equalTo("CRM replacement"));
    given()
        .queryParam("asOf", t1)
        .get("/api/v1/projects/" + id)
        .then()
        .body("name", equalTo("CRM replacement (phase 1)"))
        .body("budget", nullValue())
        .body("version", equalTo(1));
    given()
        .queryParam("asOf", t2)
        .get("/api/v1/projects/" + id)
        .then()
        .body("budget.amount", equalTo("250000.00"))
        .body("phase", equalTo("INITIATION"));
    given()
        .queryParam("asOf", t3)
        .get("/api/v1/projects/" + id)
        .then()
        .body("phase", equalTo("PLANNING"))
        .body("version", equalTo(3));
    given()
        .queryParam("asOf", OffsetDateTime.parse(t0).minusSeconds(1).toString())
        .get("/api/v1/projects/" + id)
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("detail", containsString("did not exist yet"));
    for (String asOf : new String[] {"last tuesday", "+99999-01-01T00:00:00Z", "2026-02-30"}) {
      given()
          .queryParam("asOf", asOf)
          .get("/api/v1/projects/" + id)
          .then()
          .statusCode(400)
          .body("violations[0].field", equalTo("asOf"));
    }
    // a date, as the health and analytics take it: the end of that day in UTC
    java.time.LocalDate createdOn = OffsetDateTime.parse(t0).toLocalDate();
    given()
        .queryParam("asOf", OffsetDateTime.parse(t3).toLocalDate().toString())
        .get("/api/v1/projects/" + id)
        .then()
        .statusCode(200)
        .body("phase", equalTo("PLANNING"));
    given()
        .queryParam("asOf", createdOn.minusDays(1).toString())
        .get("/api/v1/projects/" + id)
        .then()
        .statusCode(404)
        .body("detail", containsString("did not exist yet"));
  }

  @Test
  void theHistoryFiltersByWhatAndWhenAndPages() {
    String id = Api.project(null);
    StakeholderApiTest.add(id, "bob", "VIEWER").then().statusCode(201);
    StakeholderApiTest.add(id, "dora", "VIEWER").then().statusCode(201);
    given()
        .queryParam("entityType", "STAKEHOLDER")
        .get(history(id))
        .then()
        .body("totalItems", equalTo(3))
        .body("items.entityType", everyItem(equalTo("STAKEHOLDER")))
        .body("items[0].after.userId", equalTo("dora"));
    given()
        .queryParam("size", 1)
        .queryParam("page", 1)
        .get(history(id))
        .then()
        .body("items[0].after.userId", equalTo("bob"))
        .body("totalPages", equalTo(4));
    List<String> times = given().get(history(id)).then().extract().path("items.at");
    given()
        .queryParam("from", times.get(1))
        .queryParam("to", times.get(1))
        .get(history(id))
        .then()
        .body("totalItems", equalTo(1));
    given()
        .queryParam("from", times.get(0))
        .queryParam("to", times.get(3))
        .get(history(id))
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("to"));
    given()
        .queryParam("entityType", "INVOICE")
        .get(history(id))
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations[0].field", equalTo("entityType"));
    given().get(history(UUID.randomUUID().toString())).then().statusCode(404);
  }

  @Test
  void aRefusedChangeLeavesNoTrace() {
    String id = Api.project(null);
    Api.transition(id, "CLOSED", "skip everything").then().statusCode(409);
    StakeholderApiTest.add(id, "alice", "VIEWER").then().statusCode(409);
    FinanceApiTest.cost(id, "2026-01-31", "-1", "EUR", "LABOR").then().statusCode(400);
    given()
        .contentType(ContentType.JSON)
        .body("{\"name\":\"x\",\"unit\":\"%\",\"target\":1,\"direction\":\"SIDEWAYS\"}")
        .post("/api/v1/projects/" + id + "/kpis")
        .then()
        .statusCode(400);
    given()
        .get(history(id))
        .then()
        .body("items.action", contains("STAKEHOLDER_ADDED", "PROJECT_CREATED"));
    assertEquals(0, Api.version(id));
  }
}
