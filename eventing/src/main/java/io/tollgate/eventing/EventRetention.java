package io.tollgate.eventing;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Deletes published outbox rows and processed inbox records once they are older than their
 * retention ({@link RetentionConfig}), so that neither table grows for ever.
 *
 * <p>Runs on a timer of its own, in transactions of at most {@code batch-size} rows each, so that
 * it never holds many locks or one long transaction (which would keep every relay round reading
 * dead rows). The outbox is trimmed from its head: each batch looks at the oldest rows by sequence
 * number only, a bounded index range, and deletes those published before the cutoff; a run stops at
 * the first batch that deletes nothing. Rows still waiting to be published are never deleted,
 * however old, and a whole batch of them at the head (a relay failing for the whole retention)
 * stops the trimming until they are published. The inbox has no order to trim by, so each batch
 * picks any records processed before the cutoff.
 */
@ApplicationScoped
public class EventRetention {

  private static final Logger LOG = Logger.getLogger(EventRetention.class);

  // the oldest rows by sequence number only: a bounded range of the primary key
  private static final String OUTBOX_BATCH =
      "delete from outbox_event where seq in ("
          + " select seq from ("
          + " select seq, published_at from outbox_event order by seq limit :batch"
          + " ) head where published_at < :cutoff)";

  private static final String INBOX_BATCH =
      "delete from inbox_event where event_id in ("
          + " select event_id from inbox_event where processed_at < :cutoff limit :batch)";

  private final EntityManager em;
  private final RetentionConfig config;
  private ScheduledExecutorService timer;

  EventRetention(EntityManager em, RetentionConfig config) {
    this.em = em;
    this.config = config;
  }

  void onStart(@Observes StartupEvent event) {
    if (!config.enabled()) {
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "event-retention");
              thread.setDaemon(true);
              return thread;
            });
    long every = config.interval().toMillis();
    timer.scheduleWithFixedDelay(this::run, every, every, TimeUnit.MILLISECONDS);
  }

  void onStop(@Observes ShutdownEvent event) {
    if (timer != null) {
      timer.shutdownNow();
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

  /** Deletes everything past its retention as of {@code now}. */
  private void purge(Instant now) {
    OffsetDateTime outboxCutoff = now.minus(config.outbox()).atOffset(ZoneOffset.UTC);
    OffsetDateTime inboxCutoff = now.minus(config.inbox()).atOffset(ZoneOffset.UTC);
    int batch = config.batchSize();
    long outbox = 0;
    int deleted;
    do {
      deleted = deleteBatch(OUTBOX_BATCH, outboxCutoff, batch);
      outbox += deleted;
    } while (deleted > 0 && !Thread.currentThread().isInterrupted());
    long inbox = 0;
    do {
      deleted = deleteBatch(INBOX_BATCH, inboxCutoff, batch);
      inbox += deleted;
    } while (deleted == batch && !Thread.currentThread().isInterrupted());
    if (outbox > 0 || inbox > 0) {
      LOG.infof(
          "event retention: deleted %d outbox rows published before %s and %d inbox records"
              + " processed before %s",
          outbox, outboxCutoff, inbox, inboxCutoff);
    }
  }

  /** Runs one batch's delete in a transaction of its own; how many rows it deleted. */
  private int deleteBatch(String statement, OffsetDateTime cutoff, int batch) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                em.createNativeQuery(statement)
                    .setParameter("batch", batch)
                    .setParameter("cutoff", cutoff)
                    .executeUpdate());
  }
}
