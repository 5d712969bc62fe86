package io.tollgate.eventing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Writes events into the outbox in the caller's transaction, so that a state change and its event
 * are committed together or not at all. The relay publishes them once the transaction commits.
 */
@ApplicationScoped
public class Outbox {

  private final EntityManager em;
  private final ObjectMapper mapper;
  private final TransactionSynchronizationRegistry transactions;
  private final OutboxRelay relay;
  private final EventingConfig config;
  private final EventTracing tracing;

  Outbox(
      EntityManager em,
      ObjectMapper mapper,
      TransactionSynchronizationRegistry transactions,
      OutboxRelay relay,
      EventingConfig config,
      EventTracing tracing) {
    this.em = em;
    this.mapper = mapper;
    this.transactions = transactions;
    this.relay = relay;
    this.config = config;
    this.tracing = tracing;
  }

  /**
   * Records an event to be published on {@code topic} with {@code key} (the project id).
   *
   * @param type the CloudEvents type, such as {@code tollgate.project.created.v1}
   * @param subject the id of the aggregate the event is about
   * @param data the payload, serialised with the application's ObjectMapper
   * @return the envelope as it will be published
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public CloudEvent publish(String topic, String key, String type, String subject, Object data) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    CloudEvent event =
        new CloudEvent(
            CloudEvent.SPEC_VERSION,
            UUID.randomUUID().toString(),
            config.source(),
            type,
            subject,
            now,
            "application/json",
            null,
            mapper.valueToTree(data));
    OutboxEvent row = new OutboxEvent();
    row.eventId = UUID.fromString(event.id());
    row.topic = topic;
    row.eventKey = key;
    row.eventType = type;
    row.createdAt = now;
    // the row keeps the trace it was written in, since the relay sends it later on a thread of
    // its own, and a consumer continues that trace from the record's headers (ADR 0023)
    EventTracing.TraceContext trace = tracing.created(topic, event);
    if (trace != null) {
      row.traceparent = trace.traceparent();
      row.tracestate = trace.tracestate();
    }
    try {
      row.payload = mapper.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event " + type + " cannot be serialised", e);
    }
    em.persist(row);
    wakeRelayAfterCommit();
    return event;
  }

  private void wakeRelayAfterCommit() {
    // one synchronization per transaction is enough to wake the relay
    Object marker = transactions.getResource(Outbox.class);
    if (marker != null) {
      return;
    }
    transactions.putResource(Outbox.class, Boolean.TRUE);
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
              relay.wake();
            }
          }
        });
  }
}
