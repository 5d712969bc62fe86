package io.tollgate.eventing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The idempotent inbox: remembers which events this service has processed, in the same transaction
 * as the side effect, so that a redelivered event changes nothing.
 */
@ApplicationScoped
public class Inbox {

  private static final Logger LOG = Logger.getLogger(Inbox.class);

  private final EntityManager em;
  private final CloudEvents cloudEvents;

  Inbox(EntityManager em, CloudEvents cloudEvents) {
    this.em = em;
    this.cloudEvents = cloudEvents;
  }

  /**
   * The one step every consumer starts with: reads a Kafka record value as a CloudEvent and records
   * it in the inbox.
   *
   * @param typePrefix the event types this consumer handles, e.g. {@code tollgate.risk.}
   * @return the event when this consumer should act on it; empty for other types and for a
   *     redelivery of an event already processed
   * @throws CloudEvents.MalformedEventException when the value is not a CloudEvent
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<CloudEvent> accept(String recordValue, String typePrefix) {
    CloudEvent event = cloudEvents.parse(recordValue);
    if (!event.type().startsWith(typePrefix)) {
      return Optional.empty();
    }
    if (!firstDelivery(event)) {
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
