package io.tollgate.notification;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.testing.EventCollector;
import io.tollgate.testing.ProjectDirectoryEvents;
import io.tollgate.testing.TollgateInfrastructure;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Events published on the real broker reach the subscriptions they match (ADR 0026): once per user
 * and event in the inbox, once per subscription and event as a delivery, only while the owner may
 * read the project. Effects are read from the service's own database.
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "notification"))
// the module's test classes declare the same resources, so that they share one Quarkus start
@QuarkusTestResource(SmtpReceiver.class)
class FanOutTest {

  static final ProjectDirectoryEvents db = new ProjectDirectoryEvents("notification");
  static final Subscriptions subscriptions = new Subscriptions(db);
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String ASSESSED = "tollgate.risk.assessed.v1";
  private static final String UPDATED = "tollgate.milestone.updated.v1";

  static String id() {
    return UUID.randomUUID().toString();
  }

  static long count(String sql, Object... parameters) {
    try {
      return Long.parseLong(db.query(sql, parameters));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static long notifications(String user, String eventId) {
    return count(
        "select count(*) from notification where user_id = ? and event_id = ?", user, eventId);
  }

  static void awaitNotification(String user, String eventId) {
    await().atMost(WAIT).until(() -> notifications(user, eventId) == 1);
  }

  static void awaitProcessed(String eventId) {
    await()
        .atMost(WAIT)
        .until(() -> count("select count(*) from inbox_event where event_id = ?", eventId) == 1);
  }

  /** A risk event of {@code level}, published; its event id. */
  static String risk(String project, String level) {
    String eventId = id();
    Events.send(
        "risk.events",
        project,
        Events.risk(eventId, ASSESSED, project, UUID.randomUUID(), "Vendor delay", level));
    return eventId;
  }

  static String milestone(String project, String status, String extra) {
    String eventId = id();
    Events.send(
        "milestone.events",
        project,
        Events.milestone(
            eventId, UPDATED, project, UUID.randomUUID(), "Security audit", status, extra));
    return eventId;
  }

  @Test
  void oneNotificationPerUserAndEventThoughDeliveredTwiceAndMatchedTwice() {
    String alice = "alice-" + id();
    String project = db.project(alice);
    subscriptions.of(alice, project).save();
    subscriptions.of(alice, project).types("tollgate.risk.*").audience("TECHNICAL").save();
    String eventId = id();
    String event =
        Events.risk(eventId, ASSESSED, project, UUID.randomUUID(), "Vendor delay", "CRITICAL");
    Events.send("risk.events", project, event);
    Events.send("risk.events", project, event);
    // a later event of the project (same key, same partition) is applied after both
    awaitNotification(alice, risk(project, "LOW"));

    assertEquals(1, notifications(alice, eventId));
    try {
      assertEquals(
          "Risk 'Vendor delay' on Plan is now CRITICAL",
          db.query("select title from notification where event_id = ?", eventId));
      assertEquals(
          "CRITICAL", db.query("select severity from notification where event_id = ?", eventId));
      assertEquals(
          project, db.query("select project_id from notification where event_id = ?", eventId));
      assertEquals(1, count("select count(*) from notification_event where event_id = ?", eventId));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void onlyEventsAtOrAboveTheMinimumSeverity() {
    String alice = "alice-" + id();
    String project = db.project(alice);
    subscriptions.of(alice, project).min("WARNING").save();
    String low = risk(project, "LOW");
    String medium = risk(project, "MEDIUM");
    String high = risk(project, "HIGH");
    String onTrack = milestone(project, "PLANNED", ",\"zone\":\"ON_TRACK\"");
    String atRisk = milestone(project, "PLANNED", ",\"zone\":\"AT_RISK\"");
    String critical = risk(project, "CRITICAL");
    awaitNotification(alice, critical);
    awaitNotification(alice, atRisk);

    assertEquals(1, notifications(alice, high));
    assertEquals(0, notifications(alice, low));
    assertEquals(0, notifications(alice, medium));
    awaitProcessed(onTrack);
    assertEquals(0, notifications(alice, onTrack));
  }

  @Test
  void typesMatchExactlyOrByFamily() {
    String alice = "alice-" + id();
    String bob = "bob-" + id();
    String project = db.project(alice);
    db.member(project, bob, "VIEWER");
    subscriptions.of(alice, project).types("tollgate.milestone.*").save();
    subscriptions
        .of(bob, project)
        .types("tollgate.risk.closed.v1,tollgate.milestone.created.v1")
        .save();
    String riskEvent = risk(project, "CRITICAL");
    String closed = id();
    Events.send(
        "risk.events",
        project,
        Events.risk(closed, "tollgate.risk.closed.v1", project, UUID.randomUUID(), "Gone", "LOW"));
    String milestoneEvent = milestone(project, "LATE", null);
    awaitNotification(alice, milestoneEvent);
    awaitNotification(bob, closed);

    assertEquals(0, notifications(alice, riskEvent));
    assertEquals(0, notifications(alice, closed));
    assertEquals(0, notifications(bob, riskEvent));
    assertEquals(0, notifications(bob, milestoneEvent));
  }

  @Test
  void aRemovedMemberStopsReceivingAtOnce() {
    String alice = "alice-" + id();
    String bob = "bob-" + id();
    String project = db.project(alice);
    db.member(project, bob, "EDITOR");
    subscriptions.of(alice, project).save();
    subscriptions.of(bob, project).save();
    String before = risk(project, "HIGH");
    awaitNotification(bob, before);

    db.member(project, bob, null);
    String after = risk(project, "HIGH");
    awaitNotification(alice, after);
    assertEquals(0, notifications(bob, after));
  }

  @Test
  void adminAndPmoSubscriptionsToEveryProjectNeedNoMembership() throws Exception {
    String owner = "owner-" + id();
    String root = "root-" + id();
    String pam = "pam-" + id();
    String project = db.project(owner);
    String other = db.project("dave");
    UUID[] everyProject = {
      subscriptions.of(root, null).as("ADMIN").save(),
      subscriptions.of(pam, null).as("PMO").min("CRITICAL").save(),
      // without a platform role, an every-project subscription reaches only the owner's projects
      subscriptions.of(owner, null).save()
    };
    try {
      String first = risk(project, "CRITICAL");
      String second = risk(other, "HIGH");
      awaitNotification(root, first);
      awaitNotification(root, second);
      awaitNotification(pam, first);
      awaitNotification(owner, first);

      assertEquals(0, notifications(pam, second));
      assertEquals(0, notifications(owner, second));
    } finally {
      // the other tests' events are not theirs to receive
      for (UUID id : everyProject) {
        db.update("update subscription set active = false where id = ?", id);
      }
    }
  }

  @Test
  void projectEventsReachSubscriptionsThroughTheDirectorysConsumer() {
    String alice = "alice-" + id();
    String project = db.project(alice);
    subscriptions.of(alice, project).save();
    String eventId = id();
    Events.send(
        "project.events",
        project,
        Events.health(eventId, project, "AMBER", "RED", "Security audit is 6 days late"));
    awaitNotification(alice, eventId);
    try {
      assertEquals(
          "Apollo's health turned RED",
          db.query("select title from notification where event_id = ?", eventId));
      assertEquals(
          "CRITICAL", db.query("select severity from notification where event_id = ?", eventId));
      // the directory applied it too: one inbox row covers both
      assertEquals(
          "Apollo",
          db.query("select name from project_ref where project_id = ?", UUID.fromString(project)));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertEquals(1, count("select count(*) from inbox_event where event_id = ?", eventId));
  }

  @Test
  void aWebhookGetsOneDeliveryWithTheEnvelopeAsReceived() throws Exception {
    String alice = "alice-" + id();
    String project = db.project(alice);
    UUID hook = subscriptions.of(alice, project).webhook("https://hooks.example.com/t").save();
    UUID mail = subscriptions.of(alice, project).email("DAILY").save();
    String eventId = id();
    String event =
        Events.risk(eventId, ASSESSED, project, UUID.randomUUID(), "Vendor delay", "HIGH");
    Events.send("risk.events", project, event);
    Events.send("risk.events", project, event);
    String marker = risk(project, "LOW");
    await()
        .atMost(WAIT)
        .until(
            () ->
                count(
                        "select count(*) from delivery where event_id = ? and subscription_id in (?, ?)",
                        marker,
                        hook,
                        mail)
                    == 2);

    assertEquals(
        1,
        count(
            "select count(*) from delivery where event_id = ? and subscription_id = ?",
            eventId,
            hook));
    assertEquals(
        project + "|" + ASSESSED,
        db.query(
            "select project_id || '|' || event_type from delivery"
                + " where event_id = ? and subscription_id = ?",
            eventId,
            hook));
    // an immediate webhook is due at once: the dispatcher attempts it (and logs the attempt)
    await()
        .atMost(WAIT)
        .until(
            () ->
                count(
                        "select count(*) from delivery_attempt a join delivery d on d.id ="
                            + " a.delivery_id where d.event_id = ? and d.subscription_id = ?",
                        eventId,
                        hook)
                    > 0);
    // a daily e-mail digest is due at the next midnight UTC
    OffsetDateTime midnight =
        OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).plusDays(1);
    assertEquals(
        midnight.toInstant().toString(),
        OffsetDateTime.parse(
                db.query(
                    "select to_char(next_attempt_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                        + " from delivery where event_id = ? and subscription_id = ?",
                    eventId,
                    mail))
            .toInstant()
            .toString());
    ObjectMapper json = new ObjectMapper();
    assertEquals(
        json.readTree(event),
        json.readTree(
            db.query("select envelope::text from notification_event where event_id = ?", eventId)));
    assertEquals(
        "WARNING", db.query("select severity from notification_event where event_id = ?", eventId));
    // a webhook does not make an inbox notification
    assertEquals(0, notifications(alice, eventId));
  }

  @Test
  void nothingIsStoredForAnEventNoSubscriptionMatches() throws Exception {
    String alice = "alice-" + id();
    String project = db.project(alice);
    // every-project subscriptions other tests left behind would match any project
    db.update("update subscription set active = false where project_id is null");
    subscriptions.of(alice, project).inactive().save();
    subscriptions.of(alice, project).min("CRITICAL").save();
    String eventId = risk(project, "HIGH");
    awaitProcessed(eventId);
    assertEquals(0, count("select count(*) from notification_event where event_id = ?", eventId));
    assertEquals(0, count("select count(*) from notification where event_id = ?", eventId));
    assertEquals(0, count("select count(*) from delivery where event_id = ?", eventId));
  }

  @Test
  void unreadableMilestoneAndRiskEventsGoToTheirDeadLetterTopics() {
    String alice = "alice-" + id();
    String project = db.project(alice);
    String junk = "not a cloud event " + id();
    // a milestone event whose data names no project cannot be routed
    String noProject =
        Events.envelope(
            id(),
            "/milestone-service",
            UPDATED,
            UUID.randomUUID(),
            "2027-03-12T09:00:00Z",
            "{\"name\":\"Orphan\"}");
    Events.send("milestone.events", project, junk);
    Events.send("milestone.events", project, noProject);
    Events.send("risk.events", project, junk);
    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              try (EventCollector dlq =
                  EventCollector.fromBeginning("milestone.events.notification-service.dlq")) {
                dlq.awaitRecord(r -> junk.equals(r.value()), Duration.ofSeconds(5));
                dlq.awaitRecord(r -> noProject.equals(r.value()), Duration.ofSeconds(5));
              }
              try (EventCollector dlq =
                  EventCollector.fromBeginning("risk.events.notification-service.dlq")) {
                dlq.awaitRecord(r -> junk.equals(r.value()), Duration.ofSeconds(5));
              }
            });
    // and the consumers go on
    subscriptions.of(alice, project).save();
    awaitNotification(alice, milestone(project, "LATE", null));
    awaitNotification(alice, risk(project, "LOW"));
  }
}
