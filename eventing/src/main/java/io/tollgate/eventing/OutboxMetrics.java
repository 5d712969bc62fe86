package io.tollgate.eventing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * What an operator watches of the outbox, on {@code /q/metrics}: how many events wait to be
 * published and how long the oldest has waited ({@code tollgate_outbox_pending}, {@code
 * tollgate_outbox_oldest_age_seconds}: alert on these, since a relay that cannot publish lets both
 * grow while every write still succeeds), how many events were published and how many relay rounds
 * the broker did not acknowledge ({@code tollgate_outbox_published_total}, {@code
 * tollgate_outbox_failed_rounds_total}), and how many rounds were left to another replica that held
 * the round's lock ({@code tollgate_outbox_deferred_rounds_total}). The two gauges are sampled from
 * the table every {@code tollgate.outbox.metrics-interval}, so that a scrape never waits for the
 * database.
 */
@ApplicationScoped
public class OutboxMetrics {

  private static final Logger LOG = Logger.getLogger(OutboxMetrics.class);

  // the oldest row is the first by seq (its index), not a scan for min(created_at)
  private static final String SAMPLE =
      "select (select count(*) from outbox_event),"
          + " coalesce((select extract(epoch from clock_timestamp() - created_at)"
          + " from outbox_event order by seq limit 1), 0)";

  /** How often a sample that failed is reported at WARN while the failures go on. */
  private static final long WARN_EVERY_MILLIS = 60_000;

  private volatile long lastWarned;

  private final EntityManager em;
  private final EventingConfig config;
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong oldestAgeMillis = new AtomicLong();
  private final Counter published;
  private final Counter failedRounds;
  private final Counter deferredRounds;
  private Periodic sampler;

  OutboxMetrics(EntityManager em, EventingConfig config, MeterRegistry registry) {
    this.em = em;
    this.config = config;
    Gauge.builder("tollgate.outbox.pending", pending, AtomicLong::get)
        .description("Events written and not yet published (sampled)")
        .register(registry);
    Gauge.builder("tollgate.outbox.oldest.age", oldestAgeMillis, age -> age.get() / 1000.0)
        .baseUnit("seconds")
        .description("How long the oldest event not yet published has waited (sampled)")
        .register(registry);
    published =
        Counter.builder("tollgate.outbox.published")
            .description("Events the broker acknowledged and the relay removed from the outbox")
            .register(registry);
    failedRounds =
        Counter.builder("tollgate.outbox.failed.rounds")
            .description(
                "Relay rounds that did not go through: the broker did not fully acknowledge them,"
                    + " or the database or the producer failed (their events wait)")
            .register(registry);
    deferredRounds =
        Counter.builder("tollgate.outbox.deferred.rounds")
            .description("Relay rounds not run because another replica's round held the lock")
            .register(registry);
  }

  void onStart(@Observes StartupEvent event) {
    sampler = Periodic.every(config.metricsInterval(), "outbox-metrics", this::sample);
  }

  void onStop(@Observes ShutdownEvent event) {
    if (sampler != null) {
      sampler.stop();
    }
  }

  void published(int events) {
    published.increment(events);
  }

  void failedRound() {
    failedRounds.increment();
  }

  void deferredRound() {
    deferredRounds.increment();
  }

  private void sample() {
    try {
      Object[] row =
          QuarkusTransaction.requiringNew()
              .call(() -> (Object[]) em.createNativeQuery(SAMPLE).getSingleResult());
      pending.set(((Number) row[0]).longValue());
      oldestAgeMillis.set(Math.round(((Number) row[1]).doubleValue() * 1000));
    } catch (RuntimeException e) {
      // the gauges keep their last values, which an alert on them would take for current: say so
      // (once a minute while it lasts; the database's own health check says why)
      long now = System.currentTimeMillis();
      if (now - lastWarned >= WARN_EVERY_MILLIS) {
        lastWarned = now;
        LOG.warnf(
            "outbox metrics not sampled, tollgate_outbox_pending and _oldest_age_seconds keep"
                + " their last values: %s",
            e.getMessage());
      } else {
        LOG.debugf("outbox metrics not sampled: %s", e.getMessage());
      }
    }
  }
}
