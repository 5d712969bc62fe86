package io.tollgate.notification;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.tollgate.notification.model.Audience;
import io.tollgate.notification.model.Channel;
import io.tollgate.notification.model.Delivery;
import io.tollgate.notification.model.DeliveryAttempt;
import io.tollgate.notification.model.DeliveryStatus;
import io.tollgate.notification.model.Digest;
import io.tollgate.notification.model.NotificationEvent;
import io.tollgate.notification.model.Severity;
import io.tollgate.notification.model.Subscription;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Subscriptions, events and deliveries written straight into the database, as the subscriptions API
 * and the fan-out write them, for tests of what the e-mail channel makes of them.
 */
final class MailSeeds {

  private final EntityManager em;

  MailSeeds(EntityManager em) {
    this.em = em;
  }

  /** A random address, so that a test reads only its own messages from the shared receiver. */
  /**
   * An attempt that failed as {@code code} says, or one that got no answer at all: right after a
   * refused or cut-off e-mail, the mail client's next send has been seen to wait for its timeout (a
   * known fault, the closing note of 2026-11-28), which costs an attempt but loses nothing.
   */
  static boolean failedAs(DeliveryAttempt attempt, Integer code) {
    boolean stalled =
        attempt.statusCode == null
            && "timeout: no answer from the SMTP server".equals(attempt.error);
    return stalled || (java.util.Objects.equals(code, attempt.statusCode) && attempt.error != null);
  }

  static String address(String who) {
    return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  Subscription subscription(String name, String email, Audience audience, Digest digest) {
    Subscription s = new Subscription();
    s.id = UUID.randomUUID();
    s.name = name;
    s.ownerId = "alice";
    s.ownerPlatformRole = "PMO";
    s.channel = Channel.EMAIL;
    s.email = email;
    s.minSeverity = Severity.INFO;
    s.audience = audience;
    s.digest = digest;
    s.active = true;
    s.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    s.updatedAt = s.createdAt;
    QuarkusTransaction.requiringNew().run(() -> em.persist(s));
    return s;
  }

  /**
   * A risk-service event: the risk {@code title} assessed at {@code level} at {@code time}, on a
   * new project the directory knows as Apollo (key APO).
   */
  NotificationEvent riskAssessed(String title, String level, int score, OffsetDateTime time) {
    NotificationEvent e = new NotificationEvent();
    e.eventId = UUID.randomUUID().toString();
    UUID project = UUID.randomUUID();
    UUID risk = UUID.randomUUID();
    e.projectId = project;
    e.type = "tollgate.risk.assessed.v1";
    e.subject = risk.toString();
    e.severity = "CRITICAL".equals(level) ? Severity.CRITICAL : Severity.WARNING;
    e.occurredAt = time;
    e.receivedAt = time;
    e.envelope =
        """
        {"specversion":"1.0","id":"%s","source":"/risk-service","type":"tollgate.risk.assessed.v1",
         "subject":"%s","time":"%s","datacontenttype":"application/json",
         "data":{"riskId":"%s","projectId":"%s","title":"%s","category":"SECURITY",
                 "probability":4,"impact":5,"score":%d,"level":"%s","status":"OPEN",
                 "owner":"bob","milestoneIds":[],"version":3}}"""
            .formatted(e.eventId, risk, time, risk, project, title, score, level);
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              em.createNativeQuery(
                      "insert into project_ref (project_id, project_key, name, phase, archived,"
                          + " version, events_applied, updated_at)"
                          + " values (?1, 'APO', 'Apollo', 'EXECUTION', false, 1, 1, now())")
                  .setParameter(1, project)
                  .executeUpdate();
              em.persist(e);
            });
    return e;
  }

  /** A PENDING delivery of {@code event} to {@code subscription}, first due at {@code due}. */
  Delivery delivery(Subscription subscription, NotificationEvent event, OffsetDateTime due) {
    return deliveries(subscription, due, event).get(0);
  }

  /**
   * PENDING deliveries of {@code events} to {@code subscription}, due at {@code due}, written in
   * one transaction (so that none is sent before the others exist).
   */
  List<Delivery> deliveries(
      Subscription subscription, OffsetDateTime due, NotificationEvent... events) {
    List<Delivery> deliveries =
        Arrays.stream(events).map(e -> newDelivery(subscription, e, due)).toList();
    QuarkusTransaction.requiringNew().run(() -> deliveries.forEach(em::persist));
    return deliveries;
  }

  private static Delivery newDelivery(
      Subscription subscription, NotificationEvent event, OffsetDateTime due) {
    Delivery d = new Delivery();
    d.id = UUID.randomUUID();
    d.subscriptionId = subscription.id;
    d.eventId = event.eventId;
    d.projectId = event.projectId;
    d.eventType = event.type;
    d.status = DeliveryStatus.PENDING;
    d.attempts = 0;
    d.nextAttemptAt = due;
    d.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    d.updatedAt = d.createdAt;
    return d;
  }

  Delivery reload(Delivery delivery) {
    return QuarkusTransaction.requiringNew().call(() -> em.find(Delivery.class, delivery.id));
  }

  List<DeliveryAttempt> attempts(Delivery delivery) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                em.createQuery(
                        "from DeliveryAttempt where deliveryId = :id order by seq",
                        DeliveryAttempt.class)
                    .setParameter("id", delivery.id)
                    .getResultList());
  }
}
