package io.tollgate.notification.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tollgate.eventing.Periodic;
import io.tollgate.notification.config.WebhooksConfig;
import io.tollgate.notification.messaging.NotificationEvents;
import io.tollgate.notification.model.Channel;
import io.tollgate.notification.model.Delivery;
import io.tollgate.notification.model.DeliveryAttempt;
import io.tollgate.notification.model.DeliveryStatus;
import io.tollgate.notification.model.NotificationEvent;
import io.tollgate.notification.model.Subscription;
import io.tollgate.notification.repository.DeliveryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Sends due deliveries through their channel's {@link DeliverySender} and records what came of it
 * (ADR 0026). Each round claims a batch with {@code for update skip locked} and a lease (their next
 * attempt pushed past the longest the round can take), so replicas share the work and a crash only
 * repeats an attempt; the sends happen outside any transaction, a few at a time, and each outcome
 * is recorded in a transaction of its own: the attempt logged, the delivery DELIVERED, due again
 * after the next retry delay, or DEAD with its dead-letter event.
 *
 * <p>Digest subscriptions are not claimed here (their e-mails gather deliveries on their own
 * schedule), nor those of an inactive subscription, whose deliveries wait for it.
 */
@ApplicationScoped
public class DeliveryDispatcher {

  private static final Logger LOG = Logger.getLogger(DeliveryDispatcher.class);

  /** Beyond the sends' timeouts: recording the outcomes, a slow database. */
  static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

  private final EntityManager em;
  private final DeliveryRepository deliveries;
  private final WebhooksConfig config;
  private final NotificationEvents events;
  private final Map<Channel, DeliverySender> senders = new EnumMap<>(Channel.class);
  private ExecutorService workers;
  private Periodic schedule;

  DeliveryDispatcher(
      EntityManager em,
      DeliveryRepository deliveries,
      WebhooksConfig config,
      NotificationEvents events,
      Instance<DeliverySender> senders) {
    this.em = em;
    this.deliveries = deliveries;
    this.config = config;
    this.events = events;
    senders.forEach(sender -> this.senders.put(sender.channel(), sender));
  }

  void onStart(@Observes StartupEvent event) {
    AtomicInteger n = new AtomicInteger();
    workers =
        Executors.newFixedThreadPool(
            config.maxParallel(),
            runnable -> {
              Thread thread = new Thread(runnable, "delivery-sender-" + n.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    schedule = Periodic.every(config.pollInterval(), "delivery-dispatcher", this::dispatchDue);
  }

  void onStop(@Observes ShutdownEvent event) {
    if (schedule != null) {
      schedule.stop();
    }
    if (workers != null) {
      // an attempt cut short is not recorded: its lease runs out and it is sent again
      workers.shutdownNow();
    }
  }

  /**
   * How long a claimed delivery is kept from other dispatchers: every send of the batch may take
   * the whole timeout, {@code maxParallel} at a time.
   */
  Duration lease() {
    int waves = (config.batchSize() + config.maxParallel() - 1) / config.maxParallel();
    return config.timeout().multipliedBy(waves).plus(LEASE_MARGIN);
  }

  /** One round: claims the due deliveries, sends them and records the outcomes; how many. */
  public int dispatchDue() {
    if (senders.isEmpty()) {
      return 0;
    }
    List<String> channels = senders.keySet().stream().map(Channel::name).toList();
    List<UUID> claimed =
        QuarkusTransaction.requiringNew()
            .call(() -> deliveries.claimDue(channels, config.batchSize(), lease()));
    if (claimed.isEmpty()) {
      return 0;
    }
    List<Callable<Void>> attempts = new ArrayList<>(claimed.size());
    for (UUID id : claimed) {
      attempts.add(
          () -> {
            attempt(id);
            return null;
          });
    }
    try {
      workers.invokeAll(attempts);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return claimed.size();
  }

  private record Claimed(Delivery delivery, Subscription subscription, NotificationEvent event) {}

  private void attempt(UUID id) {
    try {
      Claimed claimed =
          QuarkusTransaction.requiringNew()
              .call(
                  () -> {
                    Delivery d = em.find(Delivery.class, id);
                    if (d == null) {
                      return null; // its subscription was deleted meanwhile
                    }
                    Subscription s = em.find(Subscription.class, d.subscriptionId);
                    NotificationEvent e = em.find(NotificationEvent.class, d.eventId);
                    return s == null || e == null ? null : new Claimed(d, s, e);
                  });
      if (claimed == null) {
        return;
      }
      DeliverySender sender = senders.get(claimed.subscription().channel);
      OffsetDateTime attemptedAt = now();
      DeliverySender.Outcome outcome;
      try {
        outcome = sender.send(claimed.delivery(), claimed.subscription(), claimed.event());
      } catch (RuntimeException e) {
        LOG.warnf(e, "sending delivery %s failed unexpectedly", id);
        outcome = new DeliverySender.Outcome(false, null, "could not be sent: " + e, null, 0);
      }
      DeliverySender.Outcome result = outcome;
      QuarkusTransaction.requiringNew().run(() -> record(id, attemptedAt, result));
    } catch (RuntimeException e) {
      // not recorded: the lease runs out and the delivery is attempted again
      LOG.warnf(e, "delivery %s: the attempt could not be recorded; it is tried again later", id);
    }
  }

  /** The outcome of one attempt, in the caller's transaction. */
  void record(UUID id, OffsetDateTime attemptedAt, DeliverySender.Outcome outcome) {
    Delivery d = em.find(Delivery.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (d == null || d.status != DeliveryStatus.PENDING) {
      return; // deleted with its subscription meanwhile
    }
    OffsetDateTime now = now();
    DeliveryAttempt attempt = new DeliveryAttempt();
    attempt.deliveryId = id;
    attempt.attemptedAt = attemptedAt;
    attempt.statusCode = outcome.statusCode();
    attempt.durationMillis = outcome.durationMillis();
    attempt.error = clip(outcome.delivered() ? null : outcome.error(), 2000);
    attempt.response = clip(outcome.response(), 1000);
    em.persist(attempt);

    d.attempts++;
    d.lastAttemptAt = attemptedAt;
    d.lastStatusCode = outcome.statusCode();
    d.updatedAt = now;
    if (outcome.delivered()) {
      d.status = DeliveryStatus.DELIVERED;
      d.deliveredAt = now;
      d.nextAttemptAt = null;
      d.lastError = null;
      return;
    }
    d.lastError = attempt.error;
    Subscription s = em.find(Subscription.class, d.subscriptionId);
    if (s != null
        && s.channel == Channel.WEBHOOK
        && Integer.valueOf(410).equals(outcome.statusCode())) {
      // Standard Webhooks: 410 Gone asks the sender to stop
      s.active = false;
      s.updatedAt = now;
      d.lastError =
          clip("410 Gone: the receiver asked to stop; subscription deactivated, no retries", 2000);
      attempt.error = d.lastError;
      dead(d);
      LOG.infof(
          "webhook subscription %s deactivated: its receiver answered 410 Gone to delivery %s",
          d.subscriptionId, id);
      return;
    }
    List<Duration> delays = config.retryDelays();
    if (d.attempts > delays.size()) {
      dead(d);
      return;
    }
    d.nextAttemptAt = now.plus(jittered(delays.get(d.attempts - 1)));
  }

  private void dead(Delivery d) {
    d.status = DeliveryStatus.DEAD;
    d.nextAttemptAt = null;
    em.flush();
    events.deadLettered(d);
  }

  /**
   * The delay stretched by up to a tenth, so that receivers back from an outage are not hit at
   * once.
   */
  static Duration jittered(Duration delay) {
    long millis = delay.toMillis();
    return Duration.ofMillis(millis + ThreadLocalRandom.current().nextLong(millis / 10 + 1));
  }

  private static String clip(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
