package io.tollgate.rest;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tollgate.eventing.Periodic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Forgets {@code Idempotency-Key}s once they are older than {@code tollgate.idempotency.retention}
 * (24 hours, as long as a client is expected to retry), so that the kept responses do not grow for
 * ever. A key used again after that is a new key.
 *
 * <p>Runs on a timer of its own, in transactions of at most {@value #BATCH} records each, so that
 * it never holds one long transaction (which would hold back PostgreSQL's cleanup of the whole
 * server).
 */
@ApplicationScoped
public class IdempotencyRetention {

  private static final Logger LOG = Logger.getLogger(IdempotencyRetention.class);
  static final int BATCH = 1000;
  private static final String DELETE_BATCH =
      "delete from idempotency_record where ctid in ("
          + " select ctid from idempotency_record where created_at < :cutoff limit :batch)";

  private final EntityManager em;
  private final Duration retention;
  private final Duration interval;
  private Periodic timer;

  IdempotencyRetention(
      EntityManager em,
      @ConfigProperty(name = "tollgate.idempotency.retention", defaultValue = "24h")
          Duration retention,
      @ConfigProperty(name = "tollgate.idempotency.purge-interval", defaultValue = "10m")
          Duration interval) {
    this.em = em;
    this.retention = retention;
    this.interval = interval;
  }

  void onStart(@Observes StartupEvent event) {
    timer = Periodic.every(interval, "idempotency-retention", this::run);
  }

  void onStop(@Observes ShutdownEvent event) {
    if (timer != null) {
      timer.stop();
    }
  }

  private void run() {
    try {
      OffsetDateTime cutoff = Instant.now().minus(retention).atOffset(ZoneOffset.UTC);
      long total =
          Periodic.deleteInBatches(
              BATCH,
              () ->
                  em.createNativeQuery(DELETE_BATCH)
                      .setParameter("cutoff", cutoff)
                      .setParameter("batch", BATCH)
                      .executeUpdate());
      if (total > 0) {
        LOG.infof("idempotency retention: forgot %d keys used before %s", total, cutoff);
      }
    } catch (RuntimeException e) {
      LOG.warnf("idempotency retention failed, trying again in %s: %s", interval, e.getMessage());
    }
  }
}
