package io.tollgate.eventing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The idempotent inbox: remembers which events this service has processed, in the same transaction
 * as the side effect, so that a redelivered event changes nothing.
 */
@ApplicationScoped
public class Inbox {

  private final EntityManager em;

  Inbox(EntityManager em) {
    this.em = em;
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
