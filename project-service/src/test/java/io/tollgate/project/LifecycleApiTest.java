package io.tollgate.project;

import static io.restassured.RestAssured.given;
import static io.tollgate.project.Api.PROBLEM;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Phase transitions: what is allowed, what is refused (and changes nothing), overrides. */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "project"))
class LifecycleApiTest {

  static final String EUR_BUDGET = "{\"amount\":\"100000.00\",\"currency\":\"EUR\"}";

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  static int transitionCount(String projectId) {
    return given()
        .get("/api/v1/projects/" + projectId + "/phase-transitions")
        .then()
        .statusCode(200)
        .extract()
        .path("totalItems");
  }

  @Test
  void aTransitionWithoutGatesIs201WithLocationEtagAndTheRecord() {
    String id = Api.project(null);
    Response r = Api.transition(id, "PLANNING", "Charter signed by the sponsor");
    r.then()
        .statusCode(201)
        .header("Location", containsString("/api/v1/projects/" + id + "/phase-transitions/"))
        .header("ETag", "\"1\"")
        .body("projectId", equalTo(id))
        .body("from", equalTo("INITIATION"))
        .body("to", equalTo("PLANNING"))
        .body("kind", equalTo("ADVANCE"))
        .body("reason", equalTo("Charter signed by the sponsor"))
        .body("changedBy", equalTo("alice"))
        .body("changedAt", notNullValue())
        .body("override", nullValue())
        .body("projectVersion", equalTo(1));
    given()
        .get(r.header("Location"))
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"")
        .body("id", equalTo(r.path("id")))
        .body("to", equalTo("PLANNING"));
    given().header("If-None-Match", "\"1\"").get(r.header("Location")).then().statusCode(304);
    given()
        .get("/api/v1/projects/" + id)
        .then()
        .body("phase", equalTo("PLANNING"))
        .header("ETag", "\"1\"");
    given()
        .get("/api/v1/projects/" + id + "/phase-transitions")
        .then()
        .statusCode(200)
        .body("totalItems", equalTo(1))
        .body("items[0].to", equalTo("PLANNING"));
  }

  @Test
  void skippingForwardIsRefusedWithTheAllowedTargetsAndChangesNothing() {
    String id = Api.project(EUR_BUDGET);
    Api.transition(id, "EXECUTION", "we are in a hurry")
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("type", equalTo("https://tollgate.io/problems/conflict"))
        .body("detail", containsString("after INITIATION comes PLANNING"))
        .body("from", equalTo("INITIATION"))
        .body("to", equalTo("EXECUTION"))
        .body("allowedTargets", contains("PLANNING", "ON_HOLD", "CANCELLED"));
    assertEquals("INITIATION", Api.phase(id));
    assertEquals(0, Api.version(id));
    assertEquals(0, transitionCount(id));
  }

  @Test
  void unknownPhasesMissingReasonsAndSamePhaseAreRefused() {
    String id = Api.project(null);
    Api.transition(id, "LAUNCH", "go")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations[0].field", equalTo("to"))
        .body("violations[0].message", containsString("PLANNING"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"to\":\"PLANNING\",\"reason\":\"  \"}")
        .post("/api/v1/projects/" + id + "/phase-transitions")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations.field", hasItem("reason"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"reason\":\"no target\"}")
        .post("/api/v1/projects/" + id + "/phase-transitions")
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("to"));
    Api.transition(id, "INITIATION", "again")
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("detail", containsString("already in INITIATION"));
    Api.transition(UUID.randomUUID().toString(), "PLANNING", "x")
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
    assertEquals(0, Api.version(id));
    assertEquals(0, transitionCount(id));
  }

  @Test
  void leavingPlanningWithoutMilestoneOrBudgetListsBothUnmetCriteria() {
    String id = Api.project(null);
    Api.walk(id, "PLANNING");
    Api.transition(id, "EXECUTION", "start building")
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("detail", containsString("PLANNING -> EXECUTION is refused: 2 gate criteria"))
        .body("unmetCriteria", hasSize(2))
        .body("unmetCriteria.criterion", containsInAnyOrder("MILESTONE_PLANNED", "BUDGET_SET"))
        .body("unmetCriteria.ruleId", hasItem("agile.leave-planning.budget"))
        .body("unmetCriteria[0].met", equalTo(false))
        .body("unmetCriteria[0].message", notNullValue());
    assertEquals("PLANNING", Api.phase(id));
    assertEquals(1, Api.version(id));
    assertEquals(1, transitionCount(id));
  }

  @Test
  void reworkGoesBackWithAReasonAndHoldResumesIntoTheHeldPhase() {
    String id = Api.project(null);
    Api.walk(id, "PLANNING");
    Api.transition(id, "INITIATION", "the charter must be re-approved")
        .then()
        .statusCode(201)
        .body("kind", equalTo("REWORK"));
    Api.walk(id, "PLANNING");
    Api.transition(id, "ON_HOLD", "budget freeze until Q3")
        .then()
        .statusCode(201)
        .body("kind", equalTo("HOLD"));
    given()
        .get("/api/v1/projects/" + id)
        .then()
        .body("phase", equalTo("ON_HOLD"))
        .body("heldPhase", equalTo("PLANNING"));
    int version = Api.version(id);
    Api.transition(id, "EXECUTION", "resume somewhere else")
        .then()
        .statusCode(409)
        .body("detail", containsString("resumes into PLANNING"))
        .body("allowedTargets", contains("PLANNING", "CANCELLED"));
    assertEquals(version, Api.version(id));
    Api.transition(id, "PLANNING", "budget released")
        .then()
        .statusCode(201)
        .body("kind", equalTo("RESUME"));
    given()
        .get("/api/v1/projects/" + id)
        .then()
        .body("phase", equalTo("PLANNING"))
        .body("heldPhase", nullValue());
  }

  /**
   * Paging through the transitions while the project moves on: the next page's Link is pinned to
   * what the first page saw, so none is shown twice.
   */
  @Test
  void transitionPagesFollowedByTheirLinksStayPut() {
    String id = Api.project(null);
    String url = "/api/v1/projects/" + id + "/phase-transitions";
    for (int i = 0; i < 2; i++) {
      Api.transition(id, "ON_HOLD", "wait " + i).then().statusCode(201);
      Api.transition(id, "INITIATION", "go on " + i).then().statusCode(201);
    }
    var first = given().queryParam("size", 2).get(url);
    first.then().statusCode(200).body("totalItems", equalTo(4));
    List<String> seen = new java.util.ArrayList<>(first.path("items.id"));
    Api.transition(id, "ON_HOLD", "made while paging").then().statusCode(201);
    String next = HistoryAsOfTest.next(first);
    assertTrue(next != null && next.contains("before="), String.valueOf(next));
    while (next != null) {
      var page = given().get(next.replaceFirst("^https?://[^/]+", ""));
      page.then().statusCode(200).body("totalItems", equalTo(4));
      seen.addAll(page.path("items.id"));
      next = HistoryAsOfTest.next(page);
    }
    assertEquals(4, seen.size(), "each transition once: " + seen);
    assertEquals(4, new java.util.HashSet<>(seen).size(), "each transition once: " + seen);
    given().queryParam("size", 1).get(url).then().body("totalItems", equalTo(5));
    given().queryParam("before", "x").get(url).then().statusCode(400);
    // opened on its second page, the list is pinned to all of it, not to that page's first item
    List<String> all = given().queryParam("size", 5).get(url).path("items.id");
    var middle = given().queryParam("page", 1).queryParam("size", 2).get(url);
    Api.transition(id, "INITIATION", "made while paging too").then().statusCode(201);
    given()
        .get(HistoryAsOfTest.link(middle, "prev"))
        .then()
        .statusCode(200)
        .body("totalItems", equalTo(5))
        .body("items.id", equalTo(all.subList(0, 2)));
  }

  @Test
  void aCancelledProjectAcceptsNoMoreTransitions() {
    String id = Api.project(null);
    StakeholderApiTest.add(id, "eddie", "EDITOR").then().statusCode(201);
    // an EDITOR moves the project along, but only an OWNER ends it for good
    Api.transition(Api.as("eddie", "MEMBER"), id, "ON_HOLD", "waiting", null)
        .then()
        .statusCode(201);
    Api.transition(Api.as("eddie", "MEMBER"), id, "CANCELLED", "not mine to decide", null)
        .then()
        .statusCode(403)
        .contentType(PROBLEM);
    assertEquals("ON_HOLD", Api.phase(id));
    Api.transition(id, "CANCELLED", "the vendor product was discontinued")
        .then()
        .statusCode(201)
        .body("kind", equalTo("CANCEL"))
        .body("from", equalTo("ON_HOLD"));
    int version = Api.version(id);
    Api.transition(id, "INITIATION", "revive")
        .then()
        .statusCode(409)
        .body("detail", containsString("CANCELLED; nothing follows"))
        .body("allowedTargets", empty());
    assertEquals(version, Api.version(id));
  }

  @Test
  void onlyAnAdminMayOverrideAndTheOverrideIsRecorded() {
    String id = Api.project(null);
    Api.walk(id, "PLANNING");
    Api.transition(given(), id, "EXECUTION", "start", "I say so")
        .then()
        .statusCode(403)
        .contentType(PROBLEM)
        .body("detail", containsString("only an ADMIN"));
    assertEquals("PLANNING", Api.phase(id));
    assertEquals(1, transitionCount(id));

    Api.transition(Api.admin(), id, "EXECUTION", "start", "Steering committee accepted the risk")
        .then()
        .statusCode(201)
        .body("changedBy", equalTo("carol"))
        .body("override.by", equalTo("carol"))
        .body("override.justification", equalTo("Steering committee accepted the risk"))
        .body("override.overriddenCriteria", hasSize(2))
        .body(
            "override.overriddenCriteria.criterion",
            containsInAnyOrder("MILESTONE_PLANNED", "BUDGET_SET"));
    given()
        .get("/api/v1/projects/" + id + "/phase-transitions")
        .then()
        .body("items[0].override.overriddenCriteria", hasSize(2));
    assertEquals("EXECUTION", Api.phase(id));
    // the project's history keeps the reason and who overrode which criteria, and why
    given()
        .get("/api/v1/projects/" + id + "/history")
        .then()
        .statusCode(200)
        .body("items[0].action", equalTo("PHASE_CHANGED"))
        .body("items[0].actor", equalTo("carol"))
        .body("items[0].before.phase", equalTo("PLANNING"))
        .body("items[0].after.phase", equalTo("EXECUTION"))
        .body("items[0].after.transition.reason", equalTo("start"))
        .body("items[0].after.transition.kind", equalTo("ADVANCE"))
        .body(
            "items[0].after.transition.override.justification",
            equalTo("Steering committee accepted the risk"))
        .body(
            "items[0].after.transition.override.overriddenCriteria.criterion",
            containsInAnyOrder("MILESTONE_PLANNED", "BUDGET_SET"));
  }

  /**
   * An override that names the criteria it is for covers only those: a criterion unmet now but not
   * named (here one the ADMIN did not see, as if it became unmet after they read the gates) refuses
   * the transition, listing it, and nothing changes. Named all, it passes.
   */
  @Test
  void anOverrideThatNamesItsCriteriaCoversOnlyThose() {
    String id = Api.project(null);
    Api.walk(id, "PLANNING");
    List<String> unmet =
        Api.transition(id, "EXECUTION", "start")
            .then()
            .statusCode(409)
            .extract()
            .path("unmetCriteria.ruleId");
    assertEquals(2, unmet.size(), unmet.toString());
    String seen = unmet.get(0);
    String unseen = unmet.get(1);

    override(id, "only what I saw", "[\"" + seen + "\"]")
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("detail", containsString("not among overriddenRuleIds (" + unseen + ")"))
        .body("unmetCriteria.ruleId", contains(unseen));
    assertEquals("PLANNING", Api.phase(id));
    assertEquals(1, transitionCount(id));

    // overriddenRuleIds without a justification overrides nothing and says so
    Api.admin()
        .contentType(ContentType.JSON)
        .body(
            "{\"to\":\"EXECUTION\",\"reason\":\"start\",\"overriddenRuleIds\":[\"" + seen + "\"]}")
        .post("/api/v1/projects/" + id + "/phase-transitions")
        .then()
        .statusCode(400)
        .body("violations.field", contains("overriddenRuleIds"));
    // with a blank justification, it is the justification that is wrong
    Api.admin()
        .contentType(ContentType.JSON)
        .body(
            "{\"to\":\"EXECUTION\",\"reason\":\"start\",\"overrideJustification\":\" \","
                + "\"overriddenRuleIds\":[\""
                + seen
                + "\"]}")
        .post("/api/v1/projects/" + id + "/phase-transitions")
        .then()
        .statusCode(400)
        .body("violations.field", contains("overrideJustification"))
        .body("violations[0].message", containsString("must not be blank"));

    override(id, "both, having read them", "[\"" + seen + "\",\"" + unseen + "\"]")
        .then()
        .statusCode(201)
        .body("override.overriddenCriteria.ruleId", containsInAnyOrder(seen, unseen));
    assertEquals("EXECUTION", Api.phase(id));
  }

  private static Response override(String id, String justification, String ruleIds) {
    return Api.admin()
        .contentType(ContentType.JSON)
        .body(
            "{\"to\":\"EXECUTION\",\"reason\":\"start\",\"overrideJustification\":\""
                + justification
                + "\",\"overriddenRuleIds\":"
                + ruleIds
                + "}")
        .post("/api/v1/projects/" + id + "/phase-transitions");
  }

  /** A justification where no gate criterion was unmet overrode nothing, and is not recorded so. */
  @Test
  void aJustificationWithNothingUnmetIsNoOverride() {
    String id = Api.project(null);
    Api.transition(Api.admin(), id, "PLANNING", "kick-off done", "just in case")
        .then()
        .statusCode(201)
        .body("kind", equalTo("ADVANCE"))
        .body("override", nullValue());
    Api.transition(Api.admin(), id, "INITIATION", "charter reopened", "just in case")
        .then()
        .statusCode(201)
        .body("kind", equalTo("REWORK"))
        .body("override", nullValue());
    given()
        .get("/api/v1/projects/" + id + "/history")
        .then()
        .body("items[0].after.transition.reason", equalTo("charter reopened"))
        .body("items[0].after.transition.override", nullValue())
        .body("items[1].after.transition.override", nullValue());
  }

  @Test
  void aStaleIfMatchIs412AndAnIdempotencyKeyReplaysTheTransition() {
    String id = Api.project(null);
    given()
        .contentType(ContentType.JSON)
        .header("If-Match", "\"7\"")
        .body("{\"to\":\"PLANNING\",\"reason\":\"go\"}")
        .post("/api/v1/projects/" + id + "/phase-transitions")
        .then()
        .statusCode(412)
        .contentType(PROBLEM);
    assertEquals(0, transitionCount(id));
    String key = UUID.randomUUID().toString();
    Response first =
        given()
            .contentType(ContentType.JSON)
            .header("If-Match", "\"0\"")
            .header("Idempotency-Key", key)
            .body("{\"to\":\"PLANNING\",\"reason\":\"go\"}")
            .post("/api/v1/projects/" + id + "/phase-transitions");
    first.then().statusCode(201);
    given()
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", key)
        .body("{\"to\":\"PLANNING\",\"reason\":\"go\"}")
        .post("/api/v1/projects/" + id + "/phase-transitions")
        .then()
        .statusCode(201)
        .header("Location", equalTo(first.header("Location")))
        .body("id", equalTo(first.path("id")));
    assertEquals(1, transitionCount(id));
    assertEquals("PLANNING", Api.phase(id));
  }

  @Test
  void anArchivedProjectCannotMove() {
    String id = Api.project(null);
    given().header("If-Match", "\"0\"").delete("/api/v1/projects/" + id).then().statusCode(204);
    Api.transition(id, "PLANNING", "too late")
        .then()
        .statusCode(409)
        .body("detail", containsString("archived"))
        .body("allowedTargets", empty());
    assertEquals("INITIATION", Api.phase(id));
  }

  @Test
  void unknownTransitionsAre404() {
    String id = Api.project(null);
    given()
        .get("/api/v1/projects/" + id + "/phase-transitions/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("detail", containsString("phase transition"));
    given()
        .get("/api/v1/projects/" + UUID.randomUUID() + "/phase-transitions")
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
  }

  @Test
  void gateRulesAreReadablePerMethodology() {
    given()
        .get("/api/v1/portfolio/gate-rules")
        .then()
        .statusCode(200)
        .body("totalItems", equalTo(15));
    given()
        .queryParam("methodology", "WATERFALL")
        .get("/api/v1/portfolio/gate-rules")
        .then()
        .statusCode(200)
        .body("totalItems", equalTo(5))
        .body(
            "items.criterion",
            contains(
                "MILESTONE_PLANNED",
                "BUDGET_SET",
                "MILESTONES_COMPLETED",
                "NO_OPEN_RISK",
                "NO_OPEN_MILESTONE"))
        .body("items[2].boundary", equalTo("ENTRY"))
        .body("items[2].phase", equalTo("DEPLOYMENT"))
        .body("items[2].parameter", equalTo("SECURITY_AUDIT,USER_ACCEPTANCE_TESTING"))
        .body("items[3].parameter", equalTo("CRITICAL"))
        .body("items[0].description", notNullValue());
    given()
        .queryParam("methodology", "KANBAN")
        .get("/api/v1/portfolio/gate-rules")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations[0].field", equalTo("methodology"));
  }
}
