package io.tollgate.project;

import static io.restassured.RestAssured.given;
import static io.tollgate.project.Api.PROBLEM;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.project.Broker.Milestone;
import io.tollgate.project.Broker.Risk;
import io.tollgate.testing.EventCollector;
import io.tollgate.testing.JsonSchemas;
import io.tollgate.testing.Metrics;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gates, fed by milestone and risk events published on the real broker and consumed through the
 * inbox; each event is checked against the producer's schema before it is sent.
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "project"))
class GateEventsTest {

  static final String CREATED = "tollgate.milestone.created.v1";
  static final String UPDATED = "tollgate.milestone.updated.v1";
  static final String COMPLETED = "tollgate.milestone.completed.v1";
  static final String DELETED = "tollgate.milestone.deleted.v1";
  static final String ASSESSED = "tollgate.risk.assessed.v1";
  static final String CLOSED = "tollgate.risk.closed.v1";

  @Inject EntityManager em;

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  @Test
  void leavingPlanningNeedsAMilestoneFromMilestoneServiceAndABudget() {
    String id = Api.project(LifecycleApiTest.EUR_BUDGET);
    Api.walk(id, "PLANNING");
    Api.transition(id, "EXECUTION", "start")
        .then()
        .statusCode(409)
        .body("unmetCriteria.criterion", contains("MILESTONE_PLANNED"));

    Broker.publishAndAwait(
        em, new Milestone(id).name("Design review").kind("DESIGN_REVIEW"), CREATED);

    given()
        .get("/api/v1/projects/" + id + "/gates")
        .then()
        .statusCode(200)
        .body("phase", equalTo("PLANNING"))
        .body("nextPhase", equalTo("EXECUTION"))
        .body("nextPhasePasses", equalTo(true))
        .body("criteria", hasSize(5))
        .body(
            "criteria.findAll { it.guardsNextPhase }.criterion",
            contains("MILESTONE_PLANNED", "BUDGET_SET"));
    Api.transition(id, "EXECUTION", "plan approved").then().statusCode(201);
  }

  /** An archived project's gates may all be met, but no move would pass: it is archived. */
  @Test
  void anArchivedProjectsNextPhaseNeverPasses() {
    String id = Api.project(LifecycleApiTest.EUR_BUDGET);
    given().get("/api/v1/projects/" + id + "/gates").then().body("nextPhasePasses", equalTo(true));
    given().header("If-Match", "\"0\"").delete("/api/v1/projects/" + id).then().statusCode(204);
    given()
        .get("/api/v1/projects/" + id + "/gates")
        .then()
        .statusCode(200)
        .body("nextPhase", equalTo("PLANNING"))
        .body("nextPhasePasses", equalTo(false));
    Api.transition(id, "PLANNING", "too late").then().statusCode(409);
  }

  @Test
  void deploymentWaitsForAuditsAndUatAndForCriticalRisksToClose() {
    String id = Api.project(LifecycleApiTest.EUR_BUDGET);
    Milestone audit = new Milestone(id).name("Penetration test").kind("SECURITY_AUDIT");
    Milestone uat = new Milestone(id).name("UAT sign-off").kind("USER_ACCEPTANCE_TESTING");
    Milestone other = new Milestone(id).name("Code freeze").kind("CODE_FREEZE");
    Risk critical = new Risk(id, "CRITICAL").title("Data migration may corrupt accounts");
    Risk high = new Risk(id, "HIGH").title("Key engineer may leave");
    Broker.publish(audit, CREATED);
    Broker.publish(uat, CREATED);
    Broker.publishAndAwait(em, other, CREATED);
    Broker.publish(critical, ASSESSED);
    Broker.publishAndAwait(em, high, ASSESSED);
    Api.walk(id, "PLANNING", "EXECUTION", "TESTING");

    Api.transition(id, "DEPLOYMENT", "release")
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("unmetCriteria", hasSize(2))
        .body("unmetCriteria[0].criterion", equalTo("MILESTONES_COMPLETED"))
        .body(
            "unmetCriteria[0].milestoneIds",
            containsInAnyOrder(audit.id.toString(), uat.id.toString()))
        .body("unmetCriteria[0].riskIds", empty())
        .body("unmetCriteria[1].criterion", equalTo("NO_OPEN_RISK"))
        .body("unmetCriteria[1].riskIds", contains(critical.id.toString()));
    assertEquals("TESTING", Api.phase(id));

    // two topics, two consumers: each event is awaited, as the risk's gives no word of the audit's
    Broker.publishAndAwait(em, audit.complete(LocalDate.of(2026, 6, 3)), COMPLETED);
    Broker.publishAndAwait(em, critical.close(), CLOSED);
    Api.transition(id, "DEPLOYMENT", "release")
        .then()
        .statusCode(409)
        .body("unmetCriteria", hasSize(1))
        .body("unmetCriteria[0].milestoneIds", contains(uat.id.toString()));

    Broker.publishAndAwait(em, uat.complete(LocalDate.of(2026, 6, 10)), COMPLETED);
    Api.transition(id, "DEPLOYMENT", "UAT signed off; audit passed")
        .then()
        .statusCode(201)
        .body("to", equalTo("DEPLOYMENT"));
  }

  /**
   * Going back into DEPLOYMENT (from MAINTENANCE, to redeploy) enters it as surely as advancing
   * does, so its entry gate applies: an open CRITICAL risk blocks the redeploy. The exit gates of
   * the phase left apply only to advancing.
   */
  @Test
  void goingBackIntoDeploymentPassesItsEntryGate() {
    String id = deployedThen("MAINTENANCE");
    Risk critical = new Risk(id, "CRITICAL").title("The hotfix may corrupt the ledger");
    Broker.publishAndAwait(em, critical, ASSESSED);

    refusedBackIntoDeployment(id, "redeploy with the hotfix", critical);
    assertEquals("MAINTENANCE", Api.phase(id));

    Broker.publishAndAwait(em, critical.close(), CLOSED);
    Api.transition(id, "DEPLOYMENT", "redeploy with the hotfix")
        .then()
        .statusCode(201)
        .body("kind", equalTo("REWORK"))
        .body("to", equalTo("DEPLOYMENT"));
  }

  /**
   * Resuming a project held in DEPLOYMENT enters DEPLOYMENT again, as surely as a rework does: a
   * CRITICAL risk opened while it was on hold blocks the resume, and an ADMIN can still override.
   */
  @Test
  void resumingIntoDeploymentPassesItsEntryGate() {
    String id = deployedThen("ON_HOLD");
    Risk critical = new Risk(id, "CRITICAL").title("The release may corrupt the ledger");
    Broker.publishAndAwait(em, critical, ASSESSED);

    refusedBackIntoDeployment(id, "resume the release", critical);
    assertEquals("ON_HOLD", Api.phase(id));

    Api.transition(Api.admin(), id, "DEPLOYMENT", "resume the release", "risk accepted by the CIO")
        .then()
        .statusCode(201)
        .body("kind", equalTo("RESUME"))
        .body("to", equalTo("DEPLOYMENT"))
        .body("override.justification", equalTo("risk accepted by the CIO"));
  }

  /** A project whose security audit passed, walked into DEPLOYMENT and on to {@code next}. */
  private String deployedThen(String next) {
    String id = Api.project(LifecycleApiTest.EUR_BUDGET);
    Milestone audit = new Milestone(id).name("Penetration test").kind("SECURITY_AUDIT");
    Broker.publish(audit, CREATED);
    Broker.publishAndAwait(em, audit.complete(LocalDate.of(2026, 6, 3)), COMPLETED);
    Api.walk(id, "PLANNING", "EXECUTION", "TESTING", "DEPLOYMENT", next);
    return id;
  }

  /** Moving back into DEPLOYMENT is refused by its entry gate, for that open critical risk only. */
  private static void refusedBackIntoDeployment(String id, String reason, Risk critical) {
    Api.transition(id, "DEPLOYMENT", reason)
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("unmetCriteria", hasSize(1))
        .body("unmetCriteria[0].criterion", equalTo("NO_OPEN_RISK"))
        .body("unmetCriteria[0].riskIds", contains(critical.id.toString()));
  }

  @Test
  void closingWaitsForEveryMilestoneAndADeletedOneNoLongerCounts() {
    String id = Api.project(LifecycleApiTest.EUR_BUDGET);
    Milestone done = new Milestone(id).name("Go-live").kind("GO_LIVE");
    Milestone open = new Milestone(id).name("Hypercare review");
    Broker.publish(done, CREATED);
    Broker.publish(done.complete(LocalDate.of(2026, 9, 1)), COMPLETED);
    Broker.publishAndAwait(em, open, CREATED);
    Api.force(id, "PLANNING");
    Api.walk(id, "EXECUTION", "TESTING", "DEPLOYMENT", "MAINTENANCE");

    Api.transition(id, "CLOSED", "handed over to operations")
        .then()
        .statusCode(409)
        .body("unmetCriteria[0].criterion", equalTo("NO_OPEN_MILESTONE"))
        .body("unmetCriteria[0].milestoneIds", contains(open.id.toString()));

    Broker.publishAndAwait(em, open.nextVersion(), DELETED);
    // an update of the same version arriving after the deletion (a dead letter replayed by an
    // operator) does not bring the milestone back: at equal versions a deletion stands
    Broker.publishAndAwait(em, open, UPDATED);
    Api.transition(id, "CLOSED", "handed over to operations").then().statusCode(201);
  }

  @Test
  void anOlderEventNeverOverwritesNewerStateAndARedeliveryActsOnce() {
    String id = Api.project(null);
    Milestone m = new Milestone(id).kind("SECURITY_AUDIT");
    m.version = 3;
    Broker.publish(m.complete(LocalDate.of(2026, 5, 1)), COMPLETED);
    // a stale "planned" state (version 2) arrives after the completion (version 4)
    Milestone stale = new Milestone(id);
    String staleEvent =
        Broker.envelope(
            UUID.randomUUID().toString(),
            "/milestone-service",
            UPDATED,
            m.id,
            """
            {"milestoneId":"%s","projectId":"%s","name":"Audit","kind":"SECURITY_AUDIT",
             "status":"IN_PROGRESS","plannedDate":"2026-04-01","bufferDays":3,"version":2}"""
                .formatted(m.id, id));
    JsonSchemas.assertValid(Broker.MILESTONE_SCHEMA, staleEvent);
    Broker.send("milestone.events", id, staleEvent);
    String marker = Broker.publish(stale, CREATED);
    Broker.awaitProcessed(em, marker);
    assertEquals("COMPLETED", milestoneStatus(m.id));

    // the same event twice: the second copy is recognised by the inbox and skipped
    String redelivered = "tollgate_inbox_redelivered_total{type=\"" + ASSESSED + "\"}";
    double before = Math.max(0, Metrics.value(redelivered));
    Risk r = new Risk(id, "CRITICAL");
    String eventId = UUID.randomUUID().toString();
    String json = r.event(eventId, ASSESSED);
    Broker.send("risk.events", id, json);
    Broker.send("risk.events", id, json);
    String later = Broker.publish(new Risk(id, "LOW"), ASSESSED);
    Broker.awaitProcessed(em, later);
    assertEquals(before + 1, Metrics.value(redelivered));
    assertEquals(1L, count("select count(*) from risk_ref where risk_id = :p", r.id));
  }

  @Test
  void unreadableEventsAreSetAsideAndLaterEventsStillFlow() {
    String id = Api.project(null);
    String junk = "this is not a cloud event " + UUID.randomUUID();
    Broker.send("milestone.events", id, junk);
    // a CloudEvent whose data lacks what the consumer needs is set aside too
    String incomplete = UUID.randomUUID().toString();
    Broker.send(
        "milestone.events",
        id,
        Broker.envelope(
            incomplete,
            "/milestone-service",
            CREATED,
            UUID.randomUUID(),
            "{\"projectId\":\"" + id + "\"}"));
    Milestone good = new Milestone(id);
    Broker.publishAndAwait(em, good, CREATED);
    assertEquals("PLANNED", milestoneStatus(good.id));
    // the dead-letter topic appears with its first record
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              try (EventCollector dlq =
                  EventCollector.fromBeginning("milestone.events.project-service.dlq")) {
                dlq.awaitRecord(r -> junk.equals(r.value()), Duration.ofSeconds(5));
                dlq.awaitRecord(r -> r.value().contains(incomplete), Duration.ofSeconds(5));
              }
            });
    // a type of another aggregate or version on the topic is ignored, not dead-lettered
    String skipped = "tollgate_inbox_skipped_total{type=\"tollgate.milestone.created.v2\"}";
    double skippedBefore = Math.max(0, Metrics.value(skipped));
    double deadBefore =
        Metrics.value("tollgate_inbox_dead_lettered_total{topic=\"milestone.events\"}");
    String other =
        Broker.envelope(
            UUID.randomUUID().toString(),
            "/milestone-service",
            "tollgate.milestone.created.v2",
            UUID.randomUUID(),
            "{}");
    Broker.send("milestone.events", id, other);
    Milestone after = new Milestone(id);
    Broker.publishAndAwait(em, after, CREATED);
    assertFalse(milestoneStatus(after.id).isEmpty());
    assertEquals(skippedBefore + 1, Metrics.value(skipped));
    assertEquals(
        deadBefore,
        Metrics.value("tollgate_inbox_dead_lettered_total{topic=\"milestone.events\"}"));
  }

  String milestoneStatus(UUID milestoneId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                (String)
                    em.createNativeQuery(
                            "select status from milestone_ref where milestone_id = :id")
                        .setParameter("id", milestoneId)
                        .getSingleResult());
  }

  long count(String sql, Object parameter) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number) em.createNativeQuery(sql).setParameter("p", parameter).getSingleResult())
                    .longValue());
  }
}
