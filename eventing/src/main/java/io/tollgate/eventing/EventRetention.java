package io.tollgate.eventing;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Deletes processed inbox records once they are older than their retention ({@link
 * RetentionConfig}), so that the inbox does not grow for ever. (The outbox needs no such job: the
 * relay deletes a row when it publishes it.)
 *
 * <p>Runs on a timer of its own, in transactions of at most {@code batch-size} records each, so
 * that it never holds many locks or one long transaction (which would hold back PostgreSQL's
 * cleanup of the whole server). The inbox has no order to trim by, so each batch picks any records
 * processed before the cutoff.
 */
@ApplicationScoped
public class EventRetention {

  private static final Logger LOG = Logger.getLogger(EventRetention.class);

  private static final String INBOX_BATCH =
      "delete from inbox_event where event_id in ("
          + " select event_id from inbox_event where processed_at < :cutoff limit :batch)";

  private final EntityManager em;
  private final RetentionConfig config;
  private Periodic timer;

  EventRetention(EntityManager em, RetentionConfig config) {
    this.em = em;
    this.config = config;
  }

  void onStart(@Observes StartupEvent event) {
    if (config.enabled()) {
      timer = Periodic.every(config.interval(), "event-retention", this::run);
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    if (timer != null) {
      timer.stop();
    }
  }

  private void run() {
    try {
      purge(Instant.now());
    } catch (RuntimeException e) {
      LOG.warnf(
          "event retention run failed, trying again in %s: %s", config.interval(), e.getMessage());
    }
  }

  /** Deletes every inbox record past its retention as of {@code now}. */
  private void purge(Instant now) {
    OffsetDateTime cutoff = now.minus(config.inbox()).atOffset(ZoneOffset.UTC);
    int batch = config.batchSize();
    long inbox =
        Periodic.deleteInBatches(
            batch,
            () ->
                em.createNativeQuery(INBOX_BATCH)
                    .setParameter("batch", batch)
                    .setParameter("cutoff", cutoff)
                    .executeUpdate());
    if (inbox > 0) {
      LOG.infof("event retention: deleted %d inbox records processed before %s", inbox, cutoff);
    }
  }
}
