package io.tollgate.notification.service;

import io.tollgate.notification.model.Delivery;
import io.tollgate.notification.model.DeliveryAttempt;
import io.tollgate.notification.model.DeliveryStatus;
import io.tollgate.notification.model.Subscription;
import io.tollgate.notification.repository.DeliveryRepository;
import io.tollgate.rest.Page;
import io.tollgate.rest.PageRequest;
import io.tollgate.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A subscription's delivery log, redelivery and replay. Whoever may not see the subscription (its
 * owner and ADMIN may) gets the same 404 as for one that does not exist.
 */
@ApplicationScoped
public class DeliveryLog {

  private final DeliveryRepository deliveries;
  private final SubscriptionService subscriptionsSeen;

  DeliveryLog(DeliveryRepository deliveries, SubscriptionService subscriptionsSeen) {
    this.deliveries = deliveries;
    this.subscriptionsSeen = subscriptionsSeen;
  }

  /** One delivery and its attempts, oldest first. */
  public record Logged(Delivery delivery, List<DeliveryAttempt> attempts) {}

  // who may see a subscription's deliveries is who may see the subscription
  private Subscription visible(UUID subscriptionId) {
    return subscriptionsSeen.get(subscriptionId);
  }

  private Delivery delivery(UUID subscriptionId, UUID deliveryId, LockModeType lock) {
    visible(subscriptionId);
    Delivery d = deliveries.findById(deliveryId, lock);
    if (d == null || !d.subscriptionId.equals(subscriptionId)) {
      throw ProblemException.notFound("delivery", deliveryId);
    }
    return d;
  }

  @Transactional
  public Page<Delivery> list(UUID subscriptionId, Set<DeliveryStatus> statuses, PageRequest page) {
    visible(subscriptionId);
    return deliveries.ofSubscription(subscriptionId, statuses, page);
  }

  @Transactional
  public Logged get(UUID subscriptionId, UUID deliveryId) {
    Delivery d = delivery(subscriptionId, deliveryId, LockModeType.NONE);
    return new Logged(d, deliveries.attempts(deliveryId));
  }

  /** Starts a new round: PENDING, no attempts yet, due now. */
  @Transactional
  public Delivery redeliver(UUID subscriptionId, UUID deliveryId) {
    Delivery d = delivery(subscriptionId, deliveryId, LockModeType.PESSIMISTIC_WRITE);
    if (d.status == DeliveryStatus.PENDING) {
      throw ProblemException.conflict(
          "delivery " + deliveryId + " is PENDING already: its next attempt comes by itself");
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    d.status = DeliveryStatus.PENDING;
    d.attempts = 0;
    d.nextAttemptAt = now;
    d.deliveredAt = null;
    d.updatedAt = now;
    return d;
  }

  /** Queues every delivery of the subscription created since {@code since} again; how many. */
  @Transactional
  public int replay(UUID subscriptionId, OffsetDateTime since) {
    visible(subscriptionId);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    if (since.isAfter(now)) {
      throw ProblemException.invalid("since", "must not be in the future");
    }
    return deliveries.requeueSince(subscriptionId, since, now);
  }
}
