package io.tollgate.eventing;

import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Applies the records of one poll through the {@link Inbox}, in one transaction: one commit for the
 * whole batch instead of one per event, which is what bounded a consumer (and, through the shared
 * write-ahead log, the producers) before (docs/performance.md).
 *
 * <p>Every event still gets its inbox row in the transaction of its side effect, so a redelivered
 * batch changes nothing. When the batch fails, nothing of it is kept and its records are applied
 * again one transaction each; a record that fails on its own is tried again a few times (unless it
 * is unreadable) and then {@linkplain DeadLetters set aside}, and the others are applied, so one
 * bad event neither blocks nor poisons the rest.
 *
 * <p>A database that cannot be reached is not the record's fault: while it is down (refused or
 * dropped connections, a server shutting down or starting up, a database closed to connections),
 * the record waits for it, however long, and the partition's later records wait behind it, in
 * order. Nothing is set aside because of an outage.
 */
@ApplicationScoped
public class InboxBatch {

  private static final Logger LOG = Logger.getLogger(InboxBatch.class);

  /**
   * The pauses before a record that failed on its own is tried again; after the last one it is set
   * aside. About four seconds per record; the records of one poll take theirs one after another (a
   * known limit, ADR 0006).
   */
  static final long[] RETRY_DELAYS_MILLIS = {200, 1_000, 3_000};

  /** The pause between two attempts while the database cannot be reached. */
  static final long UNAVAILABLE_DELAY_MILLIS = 2_000;

  // while the database is down, say so once a minute rather than every attempt
  private static final int UNAVAILABLE_REPORT_EVERY = 30;

  private final Inbox inbox;
  private final DeadLetters deadLetters;
  private final EventTracing tracing;

  InboxBatch(Inbox inbox, DeadLetters deadLetters, EventTracing tracing) {
    this.inbox = inbox;
    this.deadLetters = deadLetters;
    this.tracing = tracing;
  }

  /**
   * Applies {@code records} in order (Kafka keeps one project's events in order within a
   * partition).
   *
   * @param typePrefix the event types this consumer handles, e.g. {@code tollgate.risk.}; events of
   *     other types are skipped
   * @param handler the side effect of one event; it runs inside the transaction and throws to
   *     refuse the event (a {@link CloudEvents.MalformedEventException} for unreadable data)
   */
  public void apply(
      Iterable<ConsumerRecord<String, String>> records,
      String typePrefix,
      Consumer<CloudEvent> handler) {
    applyWithRecords(records, typePrefix, (event, record) -> handler.accept(event));
  }

  /**
   * As {@link #apply}, for a handler that also needs the record the event came in (its value as
   * received, e.g. to keep or forward the envelope byte for byte).
   */
  public void applyWithRecords(
      Iterable<ConsumerRecord<String, String>> records,
      String typePrefix,
      BiConsumer<CloudEvent, ConsumerRecord<String, String>> handler) {
    // each record in a span of the trace that created its event (ADR 0023)
    EventTracing.Processing spans = tracing.processing();
    try {
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                for (ConsumerRecord<String, String> record : records) {
                  try (Scope current = spans.start(record)) {
                    accept(record, typePrefix, handler, spans);
                  }
                }
              });
      spans.end(null);
      return;
    } catch (RuntimeException e) {
      spans.end(e);
      LOG.debugf("a batch failed (%s); applying its records one by one", e.getMessage());
    }
    for (ConsumerRecord<String, String> record : records) {
      applyAlone(record, typePrefix, handler);
    }
  }

  private void accept(
      ConsumerRecord<String, String> record,
      String typePrefix,
      BiConsumer<CloudEvent, ConsumerRecord<String, String>> handler,
      EventTracing.Processing spans) {
    inbox
        .accept(record.value(), typePrefix)
        .ifPresent(
            event -> {
              spans.accepted(event);
              handler.accept(event, record);
            });
  }

  /** Applies {@code record} in a transaction of its own, in one span however many attempts. */
  private void applyAlone(
      ConsumerRecord<String, String> record,
      String typePrefix,
      BiConsumer<CloudEvent, ConsumerRecord<String, String>> handler) {
    EventTracing.Processing span = tracing.processing();
    RuntimeException failure = null;
    try (Scope current = span.start(record)) {
      applyAlone(record, typePrefix, handler, span);
    } catch (RuntimeException e) {
      failure = e;
      throw e;
    } finally {
      span.end(failure);
    }
  }

  private void applyAlone(
      ConsumerRecord<String, String> record,
      String typePrefix,
      BiConsumer<CloudEvent, ConsumerRecord<String, String>> handler,
      EventTracing.Processing span) {
    int refusals = 0;
    int unavailable = 0;
    while (true) {
      try {
        QuarkusTransaction.requiringNew().run(() -> accept(record, typePrefix, handler, span));
        if (unavailable > 0) {
          LOG.infof(
              "applied %s-%d@%d once the database was back",
              record.topic(), record.partition(), record.offset());
        }
        return;
      } catch (RuntimeException e) {
        if (DatabaseFailures.unavailable(e)) {
          if (unavailable % UNAVAILABLE_REPORT_EVERY == 0) {
            LOG.warnf(
                "the database cannot be reached (%s); %s-%d@%d and what follows it wait for it",
                rootCause(e).getMessage(), record.topic(), record.partition(), record.offset());
          }
          unavailable++;
          pause(UNAVAILABLE_DELAY_MILLIS);
          continue;
        }
        Throwable cause = rootCause(e);
        // an unreadable event stays unreadable; anything else (a lock timeout, a constraint a
        // migration is about to change) may pass, so it is tried again a few times before the
        // record is set aside
        if (cause instanceof CloudEvents.MalformedEventException
            || refusals == RETRY_DELAYS_MILLIS.length) {
          deadLetters.send(record, cause);
          span.setAside(deadLetters.topicFor(record.topic()), cause);
          return;
        }
        LOG.infof(
            "applying %s-%d@%d failed (%s); trying again in %d ms",
            record.topic(),
            record.partition(),
            record.offset(),
            cause.getMessage(),
            RETRY_DELAYS_MILLIS[refusals]);
        pause(RETRY_DELAYS_MILLIS[refusals]);
        refusals++;
      }
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to apply a record again", e);
    }
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      if (cause instanceof CloudEvents.MalformedEventException) {
        return cause;
      }
      cause = cause.getCause();
    }
    return cause;
  }
}
