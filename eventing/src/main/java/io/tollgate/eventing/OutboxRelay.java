package io.tollgate.eventing;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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
 * Publishes outbox rows to Kafka and deletes them, in a transaction that commits only after the
 * broker acknowledged them.
 *
 * <p>It runs right after each commit that wrote events (low latency) and on a timer as a fallback,
 * so nothing is lost while Kafka or this service is down; under load it lingers a few milliseconds
 * after a busy round so that the next carries more rows (ADR 0009). Several replicas of a service
 * may each run a relay, but only one round runs at a time: a round starts by taking a
 * transaction-level advisory lock, and a relay that does not get it skips the round and tries again
 * at its next wake-up or sweep (ADR 0017). Two rounds at once would publish one project's events
 * out of order, the later row acknowledged while the earlier one still waits in the other round. A
 * row that was sent but whose deletion did not commit (a crash in between, or a later row of its
 * batch that the broker refused) is sent again and the consumers' inbox drops the duplicate. The
 * outbox therefore holds only the events still waiting (ADR 0012).
 */
@ApplicationScoped
public class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

  /**
   * The key of the advisory lock that a relay round holds from its start to its commit, so that the
   * relays of a service's replicas (one database per service) take turns (ADR 0017). "outbox" in
   * ASCII.
   */
  public static final long ROUND_LOCK = 0x6f7574626f78L;

  /**
   * Claims the oldest waiting rows and deletes them; they are gone for good only if the round's
   * transaction commits. No other relay runs a round meanwhile (the advisory lock), and a row
   * someone else has locked is waited for rather than skipped, since publishing the rows behind it
   * first would break their order. RETURNING keeps no order, hence a sort.
   */
  private static final String CLAIM =
      "delete from outbox_event where seq in ("
          + " select seq from outbox_event order by seq limit :limit for update)"
          + " returning seq, topic, event_key, payload, event_id";

  /**
   * Starts a round: takes the round's lock if no other relay of this service holds it (answering
   * whether it did; the transaction's end releases it, whichever way it ends, so a pooled
   * connection never keeps it), and sets the transaction's settings. It just records that rows were
   * sent, so it commits without waiting for its WAL flush, which keeps the disk's latency out of
   * the next round; if PostgreSQL crashes before the flush, the deletions are lost and those rows
   * are sent again, which the consumers' inbox drops (the writes that create events stay
   * synchronous). And the claim reads the primary key's index, never the whole table: the outbox is
   * a queue, nearly empty whenever it is vacuumed and analysed, so the planner would scan it
   * sequentially, while between two vacuums under load its heap holds thousands of pages of deleted
   * rows (measured: a sequential scan of up to 2,400 pages in each of ~75 rounds a second).
   */
  private static final String ROUND_START =
      "select pg_try_advisory_xact_lock("
          + ROUND_LOCK
          + "),"
          + " set_config('synchronous_commit', 'off', true),"
          + " set_config('enable_seqscan', 'off', true)";

  private final EntityManager em;
  private final EventingConfig config;
  private final Semaphore signal = new Semaphore(0);
  private volatile boolean running;
  private Thread worker;
  private final ReliableProducer producer;
  private final OutboxMetrics metrics;

  OutboxRelay(
      EntityManager em,
      EventingConfig config,
      OutboxMetrics metrics,
      @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
          String bootstrapServers) {
    this.em = em;
    this.config = config;
    this.metrics = metrics;
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
   * Publishes one batch of waiting rows in one transaction: it takes the round's lock (or, when
   * another relay of the service holds it, does nothing), one statement claims and deletes the
   * rows, the sends follow, and the commit (which does not wait for the disk) makes the deletions
   * stand only once the broker acknowledged every row. If it did not, the transaction rolls back,
   * every row of the batch waits for the next round, and the rows from the first unacknowledged one
   * on record the attempt and its error.
   *
   * @return how many rows were claimed (none when another relay's round was running)
   */
  int publishBatch() {
    try {
      int published =
          QuarkusTransaction.requiringNew()
              .call(
                  () -> {
                    Object[] start = (Object[]) em.createNativeQuery(ROUND_START).getSingleResult();
                    if (!Boolean.TRUE.equals(start[0])) {
                      return 0; // another replica's round; this one tries at its next wake-up
                    }
                    @SuppressWarnings("unchecked")
                    List<Object[]> rows =
                        em.createNativeQuery(CLAIM)
                            .setParameter("limit", config.batchSize())
                            .getResultList();
                    rows.sort(Comparator.comparingLong(row -> ((Number) row[0]).longValue()));
                    send(rows); // throws, rolling the deletions back, unless all were acknowledged
                    return rows.size();
                  });
      metrics.published(published);
      return published;
    } catch (NotAcknowledged e) {
      metrics.failedRound();
      recordFailure(e);
      return e.rows.size();
    }
  }

  /** Sends the rows in order and waits for their acknowledgements; throws at the first missing. */
  private void send(List<Object[]> rows) {
    if (rows.isEmpty()) {
      return;
    }
    Producer<String, String> kafka = producer.get();
    List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      ProducerRecord<String, String> record =
          new ProducerRecord<>((String) row[1], (String) row[2], (String) row[3]);
      record
          .headers()
          .add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
      Future<RecordMetadata> ack = kafka.send(record);
      acks.add(ack);
      if (failedAtOnce(ack)) {
        // the broker's metadata did not come within the timeout, and every further send would
        // wait as long again
        break;
      }
    }
    kafka.flush();
    long deadline = System.nanoTime() + config.sendTimeout().toNanos();
    for (int i = 0; i < rows.size(); i++) {
      if (i == acks.size()) { // the rest were not sent (see above)
        throw new NotAcknowledged(rows, i, new IllegalStateException("not sent"));
      }
      try {
        acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new NotAcknowledged(rows, i, e);
      } catch (Exception e) {
        throw new NotAcknowledged(rows, i, e.getCause() != null ? e.getCause() : e);
      }
    }
  }

  private static boolean failedAtOnce(Future<RecordMetadata> ack) {
    if (!ack.isDone()) {
      return false;
    }
    try {
      ack.get();
      return false;
    } catch (Exception e) {
      return true;
    }
  }

  /**
   * After a round the broker did not fully acknowledge, whose deletions were rolled back: counts
   * the attempt on the rows from the first unacknowledged one, with its error, so that whoever
   * looks at the outbox sees why they wait. The acknowledged ones before it are sent again in the
   * next round, in order, and the consumers' inbox drops them.
   */
  private void recordFailure(NotAcknowledged failure) {
    List<Object[]> rows = failure.rows;
    List<Long> unsent = new ArrayList<>();
    for (Object[] row : rows.subList(failure.acknowledged, rows.size())) {
      unsent.add(((Number) row[0]).longValue());
    }
    LOG.warnf(
        "broker did not acknowledge outbox event %s (%s); %d rows wait for the next round",
        rows.get(failure.acknowledged)[4], failure.getMessage(), rows.size());
    producer.close();
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "update outbox_event set attempts = attempts + 1, last_error = :error"
                            + " where seq in (:seqs)")
                    .setParameter("error", failure.getMessage())
                    .setParameter("seqs", unsent)
                    .executeUpdate());
  }

  /** The broker did not acknowledge every row of a round; thrown to roll the round back. */
  private static final class NotAcknowledged extends RuntimeException {
    private final transient List<Object[]> rows;
    private final int acknowledged;

    NotAcknowledged(List<Object[]> rows, int acknowledged, Throwable cause) {
      super(cause.toString(), cause);
      this.rows = rows;
      this.acknowledged = acknowledged;
    }
  }
}
