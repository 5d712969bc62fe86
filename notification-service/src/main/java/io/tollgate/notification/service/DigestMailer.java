package io.tollgate.notification.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tollgate.eventing.Periodic;
import io.tollgate.notification.config.EmailConfig;
import io.tollgate.notification.config.WebhooksConfig;
import io.tollgate.notification.messaging.NotificationEvents;
import io.tollgate.notification.model.Audience;
import io.tollgate.notification.model.Delivery;
import io.tollgate.notification.model.DeliveryStatus;
import io.tollgate.notification.model.NotificationEvent;
import io.tollgate.notification.model.Subscription;
import io.tollgate.notification.service.DeliverySender.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Sends the EMAIL subscriptions' digests (HOURLY, DAILY). The fan-out makes a digest delivery due
 * at the next full hour or the next midnight (UTC), and the webhook dispatcher leaves digest
 * subscriptions alone; this mailer claims every due delivery of one digest subscription at a time
 * ({@code for update skip locked}, then a lease, so replicas share the work and a crash while
 * sending only sends that digest again), sends them as one e-mail, and records one attempt per
 * delivery. A refused or failed digest is retried whole, after the same delays as a webhook ({@code
 * tollgate.webhooks.retry-delays}), and its deliveries are DEAD after the last, each with its
 * dead-letter event as a webhook's. An inactive subscription's digest waits, as its webhook
 * deliveries do.
 */
@ApplicationScoped
public class DigestMailer {

  private static final Logger LOG = Logger.getLogger(DigestMailer.class);

  /** At most this many deliveries in one digest round; the rest are due in the next one. */
  private static final int CLAIM_LIMIT = 5_000;

  private static final String DUE_SUBSCRIPTION =
      "select d.subscription_id from delivery d join subscription s on s.id = d.subscription_id"
          + " where d.status = 'PENDING' and d.next_attempt_at <= :now"
          + " and s.channel = 'EMAIL' and s.digest <> 'IMMEDIATE' and s.active"
          + " order by d.next_attempt_at limit 1 for update of d skip locked";

  private static final String DUE_DELIVERIES =
      "select d.id from delivery d"
          + " where d.subscription_id = :subscription and d.status = 'PENDING'"
          + " and d.next_attempt_at <= :now"
          + " order by d.created_at, d.id limit :limit for update skip locked";

  private static final String LEASE =
      "update delivery set next_attempt_at = :lease, updated_at = :now where id in (:ids)";

  private static final String ROUND = "select max(attempts) from delivery where id in (:ids)";

  private static final String EVENTS =
      "select e from NotificationEvent e, Delivery d where d.eventId = e.eventId and d.id in :ids"
          + " order by coalesce(e.occurredAt, e.receivedAt), d.createdAt, d.id";

  // only the rows still held by this round's lease: a redelivery or another replica may have
  // taken some meanwhile
  private static final String HELD =
      " where id in (:ids) and status = 'PENDING' and next_attempt_at = :lease";

  private static final String ATTEMPTS =
      "insert into delivery_attempt"
          + " (delivery_id, attempted_at, status_code, duration_ms, error, response)"
          + " select id, :at, cast(:code as integer), :ms, cast(:error as varchar),"
          + " cast(:response as varchar) from delivery"
          + HELD;

  private static final String OUTCOME =
      "update delivery set status = :status, attempts = :round,"
          + " next_attempt_at = cast(:next as timestamptz), last_attempt_at = :at,"
          + " last_status_code = cast(:code as integer), last_error = cast(:error as varchar),"
          + " delivered_at = cast(:delivered as timestamptz), updated_at = :at"
          + HELD;

  private final EntityManager em;
  private final EmailSender sender;
  private final EmailConfig config;
  private final List<Duration> retryDelays;
  private final NotificationEvents notificationEvents;
  private final EventTexts texts;
  private Periodic timer;

  DigestMailer(
      EntityManager em,
      EmailSender sender,
      EmailConfig config,
      WebhooksConfig webhooks,
      NotificationEvents notificationEvents,
      EventTexts texts) {
    this.em = em;
    this.sender = sender;
    this.config = config;
    this.retryDelays = List.copyOf(webhooks.retryDelays());
    this.notificationEvents = notificationEvents;
    this.texts = texts;
  }

  void onStart(@Observes StartupEvent event) {
    timer = Periodic.every(config.digestInterval(), "email-digests", this::sendDue);
  }

  void onStop(@Observes ShutdownEvent event) {
    if (timer != null) {
      timer.stop();
    }
  }

  /** Sends every digest that is due, one subscription at a time. */
  void sendDue() {
    while (!Thread.currentThread().isInterrupted() && sendOne()) {
      // next subscription
    }
  }

  /** Sends one due digest; false when none is due. */
  private boolean sendOne() {
    Claim claim = QuarkusTransaction.requiringNew().call(this::claim);
    if (claim == null) {
      return false;
    }
    List<NotificationEvent> events = claim.events();
    Audience audience = claim.subscription().audience;
    EmailContent.Mail mail =
        EmailContent.digest(
            claim.subscription(),
            events,
            config.digestMaxItems(),
            event -> texts.of(event, audience));
    Outcome outcome =
        sender.send(
            claim.subscription().email,
            mail,
            "digest of subscription " + claim.subscription().id + " (" + events.size() + ")");
    QuarkusTransaction.requiringNew().run(() -> record(claim, outcome));
    return true;
  }

  /** The due deliveries of one digest subscription, leased to this round; null when none. */
  private Claim claim() {
    OffsetDateTime now = now();
    @SuppressWarnings("unchecked")
    List<UUID> subscriptions =
        em.createNativeQuery(DUE_SUBSCRIPTION, UUID.class).setParameter("now", now).getResultList();
    if (subscriptions.isEmpty()) {
      return null;
    }
    UUID subscriptionId = subscriptions.get(0);
    @SuppressWarnings("unchecked")
    List<UUID> ids =
        em.createNativeQuery(DUE_DELIVERIES, UUID.class)
            .setParameter("subscription", subscriptionId)
            .setParameter("now", now)
            .setParameter("limit", CLAIM_LIMIT)
            .getResultList();
    OffsetDateTime lease = now.plus(config.digestLease());
    em.createNativeQuery(LEASE)
        .setParameter("lease", lease)
        .setParameter("now", now)
        .setParameter("ids", ids)
        .executeUpdate();
    Number attempts =
        (Number) em.createNativeQuery(ROUND).setParameter("ids", ids).getSingleResult();
    List<NotificationEvent> events =
        em.createQuery(EVENTS, NotificationEvent.class).setParameter("ids", ids).getResultList();
    Subscription subscription = em.find(Subscription.class, subscriptionId);
    em.detach(subscription);
    events.forEach(em::detach);
    return new Claim(subscription, ids, events, attempts.intValue() + 1, lease);
  }

  /** One attempt per delivery and the round's outcome, in one transaction. */
  private void record(Claim claim, Outcome outcome) {
    OffsetDateTime at = now();
    em.createNativeQuery(ATTEMPTS)
        .setParameter("at", at)
        .setParameter("code", outcome.statusCode())
        .setParameter("ms", outcome.durationMillis())
        .setParameter("error", outcome.error())
        .setParameter("response", outcome.response())
        .setParameter("ids", claim.ids())
        .setParameter("lease", claim.lease())
        .executeUpdate();
    String status;
    OffsetDateTime next = null;
    if (outcome.delivered()) {
      status = "DELIVERED";
    } else if (claim.round() <= retryDelays.size()) {
      status = "PENDING";
      next = at.plus(retryDelays.get(claim.round() - 1));
    } else {
      status = "DEAD";
    }
    int changed =
        em.createNativeQuery(OUTCOME)
            .setParameter("status", status)
            .setParameter("round", claim.round())
            .setParameter("next", next)
            .setParameter("at", at)
            .setParameter("code", outcome.statusCode())
            .setParameter("error", outcome.error())
            .setParameter("delivered", outcome.delivered() ? at : null)
            .setParameter("ids", claim.ids())
            .setParameter("lease", claim.lease())
            .executeUpdate();
    if (next == null && !outcome.delivered()) {
      em.createQuery(
              "from Delivery where id in :ids and status = :dead and updatedAt = :at",
              Delivery.class)
          .setParameter("ids", claim.ids())
          .setParameter("dead", DeliveryStatus.DEAD)
          .setParameter("at", at)
          .getResultList()
          .forEach(notificationEvents::deadLettered);
    }
    if (outcome.delivered()) {
      LOG.debugf(
          "digest of subscription %s: %d deliveries delivered", claim.subscription().id, changed);
    } else {
      LOG.infof(
          "digest of subscription %s (%d deliveries, attempt %d) failed: %s; %s",
          claim.subscription().id,
          changed,
          claim.round(),
          outcome.statusCode() == null ? "no answer" : "SMTP " + outcome.statusCode(),
          next == null ? "dead-lettered" : "next attempt at " + next);
    }
  }

  private static OffsetDateTime now() {
    // as PostgreSQL keeps it, so that the lease read back compares equal
    return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }

  private record Claim(
      Subscription subscription,
      List<UUID> ids,
      List<NotificationEvent> events,
      int round,
      OffsetDateTime lease) {}
}
