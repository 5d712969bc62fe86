package io.tollgate.notification.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.tollgate.notification.model.Delivery;
import io.tollgate.notification.model.DeliveryAttempt;
import io.tollgate.notification.model.DeliveryStatus;
import io.tollgate.rest.Page;
import io.tollgate.rest.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class DeliveryRepository implements PanacheRepositoryBase<Delivery, UUID> {

  /**
   * Takes up to {@code limit} due deliveries of active, immediate subscriptions of the given
   * channels, and pushes their next attempt past the lease, in one statement: another dispatcher
   * (another replica, or the next round) skips the rows locked now and finds them not due once this
   * transaction commits, so only this one sends them, until the lease runs out (a crash).
   */
  private static final String CLAIM =
      "update delivery set next_attempt_at = now() + cast(:lease as interval)"
          + " where id in (select d.id from delivery d join subscription s on s.id ="
          + " d.subscription_id where d.status = 'PENDING' and d.next_attempt_at <= now() and"
          + " s.active and s.digest = 'IMMEDIATE' and s.channel in (:channels)"
          + " order by d.next_attempt_at limit :limit for update of d skip locked)"
          + " returning id";

  /** Claims due deliveries for one dispatcher round (see {@link #CLAIM}); their ids. */
  @SuppressWarnings("unchecked")
  public List<UUID> claimDue(Collection<String> channels, int limit, Duration lease) {
    return getEntityManager()
        .createNativeQuery(CLAIM)
        .setParameter("lease", lease.toMillis() + " milliseconds")
        .setParameter("channels", channels)
        .setParameter("limit", limit)
        .getResultList()
        .stream()
        .map(id -> id instanceof UUID u ? u : UUID.fromString(id.toString()))
        .toList();
  }

  /** A subscription's deliveries, newest first, of the given statuses (all when empty). */
  public Page<Delivery> ofSubscription(
      UUID subscriptionId, Set<DeliveryStatus> statuses, PageRequest request) {
    var query =
        statuses.isEmpty()
            ? find(
                "subscriptionId = :s order by createdAt desc, id desc",
                Parameters.with("s", subscriptionId))
            : find(
                "subscriptionId = :s and status in :statuses order by createdAt desc, id desc",
                Parameters.with("s", subscriptionId).and("statuses", statuses));
    long total = query.count();
    return Page.of(
        query.page(io.quarkus.panache.common.Page.of(request.page(), request.size())).list(),
        request,
        total);
  }

  /** A delivery's attempts, oldest first. */
  public List<DeliveryAttempt> attempts(UUID deliveryId) {
    return getEntityManager()
        .createQuery(
            "from DeliveryAttempt where deliveryId = :d order by seq", DeliveryAttempt.class)
        .setParameter("d", deliveryId)
        .getResultList();
  }

  /**
   * Starts a new round for every delivery of the subscription created since {@code since} that is
   * not already waiting (those are sent anyway, and one may be on the wire now); how many.
   */
  public int requeueSince(UUID subscriptionId, OffsetDateTime since, OffsetDateTime now) {
    return update(
        "status = :pending, attempts = 0, nextAttemptAt = :now, deliveredAt = null,"
            + " updatedAt = :now where subscriptionId = :s and createdAt >= :since"
            + " and status <> :pending",
        Parameters.with("pending", DeliveryStatus.PENDING)
            .and("now", now)
            .and("s", subscriptionId)
            .and("since", since));
  }
}
