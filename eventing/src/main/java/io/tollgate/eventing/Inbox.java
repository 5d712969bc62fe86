package io.tollgate.eventing;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The idempotent inbox: remembers which events this service has processed, in the same transaction
 * as the side effect, so that a redelivered event changes nothing.
 */
@ApplicationScoped
public class Inbox {

  private static final Logger LOG = Logger.getLogger(Inbox.class);

  /**
   * The major version of the event types this platform's consumers read: the last segment of every
   * type, e.g. {@code tollgate.project.created.v1}. Within a version only additive changes are
   * made; a new version may rename a field or change what it means, so it is never read as this
   * one.
   */
  public static final String READ_VERSION = ".v1";

  private final EntityManager em;
  private final CloudEvents cloudEvents;
  private final MeterRegistry registry;
  private final Set<String> reportedTypes = ConcurrentHashMap.newKeySet();

  Inbox(EntityManager em, CloudEvents cloudEvents, MeterRegistry registry) {
    this.em = em;
    this.cloudEvents = cloudEvents;
    this.registry = registry;
  }

  /**
   * The one step every consumer starts with: reads a Kafka record value as a CloudEvent and records
   * it in the inbox.
   *
   * @param typePrefix the event types this consumer handles, e.g. {@code tollgate.risk.}
   * @return the event when this consumer should act on it; empty for other types, for a version
   *     other than {@link #READ_VERSION} (counted in {@code tollgate_inbox_skipped_total{type}} and
   *     logged once per type, not recorded) and for a redelivery of an event already processed
   *     (counted in {@code tollgate_inbox_redelivered_total{type}})
   * @throws CloudEvents.MalformedEventException when the value is not a CloudEvent
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<CloudEvent> accept(String recordValue, String typePrefix) {
    CloudEvent event = cloudEvents.parse(recordValue);
    if (!event.type().startsWith(typePrefix)) {
      return Optional.empty();
    }
    if (!event.type().endsWith(READ_VERSION)) {
      registry.counter("tollgate.inbox.skipped", "type", event.type()).increment();
      if (reportedTypes.add(event.type())) {
        LOG.warnf(
            "events of type %s are skipped: this service reads %s only (first: %s). Its"
                + " producer publishes a version this service does not know yet; update it.",
            event.type(), typePrefix + "*" + READ_VERSION, event.id());
      }
      return Optional.empty();
    }
    if (!firstDelivery(event)) {
      // a redelivery (a consumer restarted before committing its offset, a replayed dead letter)
      registry.counter("tollgate.inbox.redelivered", "type", event.type()).increment();
      LOG.debugf("event %s was already processed; skipped", event.id());
      return Optional.empty();
    }
    return Optional.of(event);
  }

  /**
   * Records that {@code event} is being processed.
   *
   * @return {@code true} the first time an event id is seen; {@code false} for a redelivery, in
   *     which case the caller must skip its side effect
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean firstDelivery(CloudEvent event) {
    int inserted =
        em.createNativeQuery(
                "insert into inbox_event (event_id, event_type, source, processed_at)"
                    + " values (:id, :type, :source, :at) on conflict (event_id) do nothing")
            .setParameter("id", event.id())
            .setParameter("type", event.type())
            .setParameter("source", event.source())
            .setParameter("at", OffsetDateTime.now(ZoneOffset.UTC))
            .executeUpdate();
    return inserted == 1;
  }
}
