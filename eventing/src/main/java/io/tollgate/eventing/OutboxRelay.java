package io.tollgate.eventing;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka and marks them published only after the broker acknowledged them.
 *
 * <p>It runs right after each commit that wrote events (low latency) and on a timer as a fallback,
 * so nothing is lost while Kafka or this service is down; under load it lingers a few milliseconds
 * after a busy round so that the next carries more rows (ADR 0009). Rows are claimed with {@code
 * FOR UPDATE SKIP LOCKED}, so several replicas can run a relay without publishing a row twice at
 * once; a row that was sent but not marked (a crash in between) is sent again and the consumers'
 * inbox drops the duplicate.
 */
@ApplicationScoped
public class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

  private final EntityManager em;
  private final EventingConfig config;
  private final Semaphore signal = new Semaphore(0);
  private volatile boolean running;
  private Thread worker;
  private final ReliableProducer producer;

  OutboxRelay(
      EntityManager em,
      EventingConfig config,
      @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
          String bootstrapServers) {
    this.em = em;
    this.config = config;
    this.producer =
        new ReliableProducer(
            bootstrapServers, "outbox-relay-" + config.source(), config.sendTimeout());
  }

  void onStart(@Observes StartupEvent event) {
    if (!config.relayEnabled()) {
      return;
    }
    running = true;
    worker = new Thread(this::loop, "outbox-relay");
    worker.setDaemon(true);
    worker.start();
  }

  void onStop(@Observes ShutdownEvent event) throws InterruptedException {
    running = false;
    if (worker != null) {
      signal.release();
      worker.join(TimeUnit.SECONDS.toMillis(5));
    }
    producer.close();
  }

  /** Asks the relay to publish now; called after a commit that wrote events. */
  public void wake() {
    if (signal.availablePermits() == 0) {
      signal.release();
    }
  }

  private void loop() {
    while (running) {
      try {
        signal.tryAcquire(config.sweepInterval().toMillis(), TimeUnit.MILLISECONDS);
        signal.drainPermits();
        int published;
        do {
          published = publishBatch();
        } while (running && published == config.batchSize()); // a full batch: more may be waiting
        long linger = lingerAfter(published, config.lingerThreshold(), config.linger()).toMillis();
        if (running && linger > 0) {
          Thread.sleep(linger);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.warnf("outbox relay round failed, retrying on the next sweep: %s", e.getMessage());
        producer.close();
      }
    }
  }

  /**
   * How long the relay waits before its next round, after a round that published {@code published}
   * rows (and was not full). Each round costs the database about the same whatever its size
   * (measured under creates at 8 connections: ~150 rounds a second, and halving them raised creates
   * by about a sixth), so under load the relay lets rows accumulate for a few milliseconds. At a
   * low rate a round carries one transaction's events and nothing waits.
   */
  static Duration lingerAfter(int published, int threshold, Duration linger) {
    return published >= threshold ? linger : Duration.ZERO;
  }

  /**
   * Publishes one batch of waiting rows: one select, the sends, one update of the acknowledged
   * rows, one commit that does not wait for the disk.
   *
   * @return how many rows were claimed
   */
  int publishBatch() {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              @SuppressWarnings("unchecked")
              List<Object[]> rows =
                  em.createNativeQuery(
                          "select seq, topic, event_key, payload, event_id from outbox_event"
                              + " where published_at is null"
                              + " order by seq limit :limit for update skip locked")
                      .setParameter("limit", config.batchSize())
                      .getResultList();
              if (rows.isEmpty()) {
                return 0;
              }
              // This transaction only records that rows were sent. Committing it without waiting
              // for its WAL flush keeps the disk's latency out of the next round; if PostgreSQL
              // crashes before the flush, the marks are lost and those rows are sent again, which
              // the consumers' inbox drops. (The writes that create events stay synchronous.)
              em.createNativeQuery("set local synchronous_commit = off").executeUpdate();
              send(rows);
              return rows.size();
            });
  }

  private void send(List<Object[]> rows) {
    Producer<String, String> kafka = producer.get();
    List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
    List<Long> seqs = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      seqs.add(((Number) row[0]).longValue());
      ProducerRecord<String, String> record =
          new ProducerRecord<>((String) row[1], (String) row[2], (String) row[3]);
      record
          .headers()
          .add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
      acks.add(kafka.send(record));
    }
    kafka.flush();
    long deadline = System.nanoTime() + config.sendTimeout().toNanos();
    // mark only the acknowledged prefix, so that per-key order survives a partial failure
    int acknowledged = 0;
    Throwable failure = null;
    for (; acknowledged < rows.size(); acknowledged++) {
      try {
        acks.get(acknowledged).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = e;
        break;
      } catch (Exception e) {
        failure = e.getCause() != null ? e.getCause() : e;
        break;
      }
    }
    if (acknowledged > 0) {
      em.createNativeQuery(
              "update outbox_event set published_at = :now, attempts = attempts + 1"
                  + " where seq in (:seqs)")
          .setParameter("now", OffsetDateTime.now(ZoneOffset.UTC))
          .setParameter("seqs", seqs.subList(0, acknowledged))
          .executeUpdate();
    }
    if (failure != null) {
      em.createNativeQuery(
              "update outbox_event set attempts = attempts + 1, last_error = :error"
                  + " where seq in (:seqs)")
          .setParameter("error", failure.toString())
          .setParameter("seqs", seqs.subList(acknowledged, seqs.size()))
          .executeUpdate();
      LOG.warnf(
          "broker did not acknowledge outbox event %s (%s); %d rows wait for the next round",
          rows.get(acknowledged)[4], failure.getMessage(), rows.size() - acknowledged);
      producer.close();
    }
  }
}
