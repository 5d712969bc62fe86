package io.tollgate.eventing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A row of the transactional outbox: an event written with the state change that caused it, and not
 * yet published (the relay deletes a row in the transaction that publishes it).
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long seq;

  @Column(name = "event_id", nullable = false, unique = true)
  public UUID eventId;

  @Column(nullable = false)
  public String topic;

  @Column(name = "event_key", nullable = false)
  public String eventKey;

  @Column(name = "event_type", nullable = false)
  public String eventType;

  @Column(nullable = false, columnDefinition = "text")
  public String payload;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  @Column(nullable = false)
  public int attempts;

  @Column(name = "last_error", columnDefinition = "text")
  public String lastError;

  /** The W3C trace context the event was created in (ADR 0023); null while tracing is off. */
  @Column(columnDefinition = "text")
  public String traceparent;

  @Column(columnDefinition = "text")
  public String tracestate;
}
