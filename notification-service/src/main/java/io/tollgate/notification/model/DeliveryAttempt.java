package io.tollgate.notification.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One attempt to deliver: the delivery log an integrator reads. */
@Entity
@Table(name = "delivery_attempt")
public class DeliveryAttempt {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long seq;

  @Column(name = "delivery_id", nullable = false)
  public UUID deliveryId;

  @Column(name = "attempted_at", nullable = false)
  public OffsetDateTime attemptedAt;

  /** The receiver's status; null when no answer came (timeout, refused connection). */
  @Column(name = "status_code")
  public Integer statusCode;

  @Column(name = "duration_ms", nullable = false)
  public int durationMillis;

  /** Why it failed; null when delivered. */
  public String error;

  /** The start of the receiver's answer (at most 1,000 characters). */
  public String response;
}
