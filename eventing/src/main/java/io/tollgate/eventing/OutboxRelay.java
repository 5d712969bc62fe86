package io.tollgate.eventing;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
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
 * row that was sent but whose deletion did not commit (a crash in between) is sent again and the
 * consumers' inbox drops the duplicate. The outbox therefore holds only the events still waiting
 * (ADR 0012).
 *
 * <p>A row the broker refuses (too large, say) stays at the head and holds back every row behind
 * it, since publishing those first would break their order; the rows acknowledged before it in its
 * round are deleted all the same. The relay then tries only that row again, once per sweep however
 * often commits wake it, and says so once per attempt, in the log (the row's event id and the
 * broker's reason), in the row ({@code attempts}, {@code last_error}) and in {@code
 * tollgate_outbox_failed_rounds_total}. A round that fails before it publishes (the database is
 * away, say) is counted there too, but logged at WARN once per outage ({@link RelayOutage}).
 */
@ApplicationScoped
public class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

  /**
   * The key of the advisory lock that a relay round holds from its start to its commit, so that the
   * relays of a service's replicas (one database per service) take turns (ADR 0017). "outbox" in
   * ASCII, 122550254464888: whoever deletes an outbox row by hand takes it first, in the same
   * transaction, or a round running meanwhile could put the row back behind the delete.
   */
  public static final long ROUND_LOCK = 0x6f7574626f78L;

  /**
   * Claims the oldest waiting rows and deletes them; they are gone for good only if the round's
   * transaction commits. No other relay runs a round meanwhile (the advisory lock), and a row
   * someone else has locked is waited for rather than skipped, since publishing the rows behind it
   * first would break their order. RETURNING keeps no order, hence a sort. The event id, type,
   * creation time and attempts are there to {@linkplain #PUT_BACK put a row back} as it was; the
   * trace context goes on the record and, with the row, back (ADR 0023).
   */
  private static final String CLAIM =
      "delete from outbox_event where seq in ("
          + " select seq from outbox_event order by seq limit :limit for update)"
          + " returning seq, topic, event_key, payload, event_id, event_type,"
          + " cast(created_at as text), attempts, traceparent, tracestate";

  /**
   * Puts a claimed row the broker did not acknowledge back into the outbox, in the round's
   * transaction, under its own {@code seq} (so in its place), with the attempt counted and its
   * error: the round can then commit the deletion of the rows acknowledged before it.
   */
  private static final String PUT_BACK =
      "insert into outbox_event (seq, event_id, topic, event_key, event_type, payload, created_at,"
          + " attempts, last_error, traceparent, tracestate) overriding system value values (:seq,"
          + " cast(:eventId as uuid), :topic, :key, :type, :payload, cast(:createdAt as timestamptz),"
          + " :attempts, :error, cast(:traceparent as text), cast(:tracestate as text))";

  /**
   * The statement a round starts with, public so that tests can play another replica's round. It
   * takes the round's lock if no other relay of this service holds it (answering whether it did;
   * the transaction's end releases it, whichever way it ends, so a pooled connection never keeps
   * it), and sets the transaction's settings. It just records that rows were sent, so it commits
   * without waiting for its WAL flush, which keeps the disk's latency out of the next round; if
   * PostgreSQL crashes before the flush, the deletions are lost and those rows are sent again,
   * which the consumers' inbox drops (the writes that create events stay synchronous). The claim
   * reads the primary key's index, never the whole table: the outbox is a queue, nearly empty
   * whenever it is vacuumed and analysed, so the planner would scan it sequentially, while between
   * two vacuums under load its heap holds thousands of pages of deleted rows (measured: a
   * sequential scan of up to 2,400 pages in each of ~75 rounds a second). And PostgreSQL ends the
   * round's session once it has sat idle in the transaction for longer than a live round ever does
   * (it waits at most twice the send timeout: for the topic's metadata, then for the broker's
   * acknowledgement), which frees the lock and the claimed rows of a relay that died or lost its
   * network mid-round within seconds instead of after TCP keepalive's two hours.
   */
  public static String roundStart(Duration sendTimeout) {
    return "select pg_try_advisory_xact_lock("
        + ROUND_LOCK
        + "),"
        + " set_config('synchronous_commit', 'off', true),"
        + " set_config('enable_seqscan', 'off', true),"
        + " set_config('idle_in_transaction_session_timeout', '"
        + roundIdleLimit(sendTimeout).toMillis()
        + "', true)";
  }

  /**
   * How long a round's session may sit idle in its transaction: a send may block for the send
   * timeout waiting for the topic's metadata (a new producer, after every failure) and then wait as
   * long again for the acknowledgement, and a margin on top.
   */
  public static Duration roundIdleLimit(Duration sendTimeout) {
    return sendTimeout.multipliedBy(2).plusSeconds(5);
  }

  private final String roundStart;

  private final EntityManager em;
  private final EventingConfig config;
  private final Semaphore signal = new Semaphore(0);
  private volatile boolean running;
  private Thread worker;
  private final ReliableProducer producer;
  private final OutboxMetrics metrics;
  private final RelayOutage outage = new RelayOutage(LOG, System::nanoTime);

  OutboxRelay(
      EntityManager em,
      EventingConfig config,
      OutboxMetrics metrics,
      @Identifier("default-kafka-broker") Map<String, Object> kafka) {
    this.em = em;
    this.config = config;
    this.metrics = metrics;
    this.roundStart = roundStart(config.sendTimeout());
    this.producer =
        new ReliableProducer(kafka, "outbox-relay-" + config.source(), config.sendTimeout());
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
    boolean failed = false;
    while (running) {
      try {
        if (failed) {
          restUntilNextSweep();
        } else {
          signal.tryAcquire(config.sweepInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
        signal.drainPermits();
        // after a failed round only the head row is tried, until it goes through: the rows behind
        // it wait for it anyway, and a full batch would be deleted and put back each time
        int limit = failed ? 1 : config.batchSize();
        Round round;
        do {
          round = publishBatch(limit);
          limit = config.batchSize();
        } while (running && round.full()); // a full batch: more may be waiting
        failed = round.failure() != null;
        if (failed) {
          outage.refused();
        } else {
          outage.succeeded();
        }
        long linger =
            lingerAfter(round.claimed(), config.lingerThreshold(), config.linger()).toMillis();
        if (running && !failed && linger > 0) {
          Thread.sleep(linger);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | Error e) {
        // whatever went wrong (the database, a commit, the producer, even memory running out on
        // a big batch), the relay must outlive it: a dead relay thread publishes nothing while
        // every write still answers 201; an outage is logged once, not at every sweep
        outage.failed(e);
        metrics.failedRound();
        producer.close();
        failed = true;
      }
    }
  }

  /**
   * Waits for the next sweep after a failed round, whatever wakes the relay meanwhile: a commit
   * adds rows behind the one that failed and cannot make it pass, and without this every commit
   * would start another failing round. Stopping the relay ends the wait.
   */
  private void restUntilNextSweep() throws InterruptedException {
    long deadline = System.nanoTime() + config.sweepInterval().toNanos();
    long left;
    while (running && (left = deadline - System.nanoTime()) > 0) {
      signal.tryAcquire(left, TimeUnit.NANOSECONDS);
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
   * What one round did.
   *
   * @param limit how many rows it could claim
   * @param claimed how many it claimed (none when another relay's round was running)
   * @param published how many the broker acknowledged, now deleted
   * @param failure why the broker did not acknowledge the rest, or null when it did
   */
  record Round(int limit, int claimed, int published, NotAcknowledged failure) {

    /** A round that claimed all it could and published it: more rows may be waiting. */
    boolean full() {
      return failure == null && claimed == limit;
    }
  }

  /**
   * Publishes up to {@code limit} waiting rows in one transaction: it takes the round's lock (or,
   * when another relay of the service holds it, does nothing), one statement claims and deletes the
   * rows, the sends follow, and the commit (which does not wait for the disk) makes the deletions
   * stand once the broker acknowledged the rows. If it did not acknowledge one, that row and the
   * ones after it are put back, with the attempt and its error, before the commit: the rows before
   * it are published and gone, never sent again, and the rest wait in their order.
   */
  Round publishBatch(int limit) {
    Round round =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  Object[] start = (Object[]) em.createNativeQuery(roundStart).getSingleResult();
                  if (!Boolean.TRUE.equals(start[0])) {
                    // another replica's round; this one tries at its next wake-up
                    metrics.deferredRound();
                    return new Round(limit, 0, 0, null);
                  }
                  @SuppressWarnings("unchecked")
                  List<Object[]> rows =
                      em.createNativeQuery(CLAIM).setParameter("limit", limit).getResultList();
                  rows.sort(Comparator.comparingLong(row -> ((Number) row[0]).longValue()));
                  try {
                    send(rows);
                    return new Round(limit, rows.size(), rows.size(), null);
                  } catch (NotAcknowledged e) {
                    putBack(e);
                    return new Round(limit, rows.size(), e.acknowledged, e);
                  }
                });
    metrics.published(round.published());
    if (round.failure() != null) {
      metrics.failedRound();
      NotAcknowledged failure = round.failure();
      Object[] refused = failure.rows.get(failure.acknowledged);
      LOG.warnf(
          "the broker did not acknowledge outbox event %s (seq %s, topic %s): %s; it and every"
              + " event behind it wait, and it is tried again at the next sweep (%d events before"
              + " it in this round were published)",
          refused[4], refused[0], refused[1], failure.getMessage(), failure.acknowledged);
      producer.close(); // a broker that went away: the next round starts on a fresh connection
    }
    return round;
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
      // the trace the event was written in, which its consumers continue (ADR 0023)
      header(record, EventTracing.TRACEPARENT, (String) row[8]);
      header(record, EventTracing.TRACESTATE, (String) row[9]);
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

  private static void header(ProducerRecord<String, String> record, String name, String value) {
    if (value != null) {
      record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
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
   * Puts the rows from the first unacknowledged one back, counting the attempt and recording its
   * error, so that whoever looks at the outbox sees why they wait.
   */
  private void putBack(NotAcknowledged failure) {
    List<Object[]> rows = failure.rows;
    for (Object[] row : rows.subList(failure.acknowledged, rows.size())) {
      em.createNativeQuery(PUT_BACK)
          .setParameter("seq", ((Number) row[0]).longValue())
          .setParameter("eventId", String.valueOf(row[4]))
          .setParameter("topic", row[1])
          .setParameter("key", row[2])
          .setParameter("type", row[5])
          .setParameter("payload", row[3])
          .setParameter("createdAt", row[6])
          .setParameter("attempts", ((Number) row[7]).intValue() + 1)
          .setParameter("error", failure.getMessage())
          .setParameter("traceparent", row[8])
          .setParameter("tracestate", row[9])
          .executeUpdate();
    }
  }

  /**
   * The broker did not acknowledge every row of a round; the rows from {@code acknowledged} on
   * wait.
   */
  static final class NotAcknowledged extends RuntimeException {
    private final transient List<Object[]> rows;
    private final int acknowledged;

    NotAcknowledged(List<Object[]> rows, int acknowledged, Throwable cause) {
      super(cause.toString(), cause);
      this.rows = rows;
      this.acknowledged = acknowledged;
    }
  }
}
