package io.tollgate.notification.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One event on its way to one subscription's receiver (WEBHOOK, EMAIL): at most one per pair, so an
 * event redelivered by Kafka is not sent twice. Its id is the {@code webhook-id} the receiver
 * deduplicates on, the same on every attempt.
 */
@Entity
@Table(name = "delivery")
public class Delivery {

  @Id public UUID id;

  @Column(name = "subscription_id", nullable = false)
  public UUID subscriptionId;

  @Column(name = "event_id", nullable = false)
  public String eventId;

  @Column(name = "project_id")
  public UUID projectId;

  @Column(name = "event_type", nullable = false)
  public String eventType;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public DeliveryStatus status;

  /** Attempts in the current round; a redelivery starts a new round. */
  @Column(nullable = false)
  public int attempts;

  /** When the next attempt is due (PENDING only). */
  @Column(name = "next_attempt_at")
  public OffsetDateTime nextAttemptAt;

  @Column(name = "last_attempt_at")
  public OffsetDateTime lastAttemptAt;

  @Column(name = "last_status_code")
  public Integer lastStatusCode;

  @Column(name = "last_error")
  public String lastError;

  @Column(name = "delivered_at")
  public OffsetDateTime deliveredAt;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  public OffsetDateTime updatedAt;
}
