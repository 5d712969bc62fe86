package io.tollgate.notification.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An event that matched at least one subscription, kept as received: the body of its deliveries and
 * what a replay sends again.
 */
@Entity
@Table(name = "notification_event")
public class NotificationEvent {

  /** The CloudEvent's id. */
  @Id
  @Column(name = "event_id")
  public String eventId;

  @Column(name = "project_id")
  public UUID projectId;

  @Column(nullable = false)
  public String type;

  public String subject;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public Severity severity;

  @Column(name = "occurred_at")
  public OffsetDateTime occurredAt;

  @Column(name = "received_at", nullable = false)
  public OffsetDateTime receivedAt;

  /** The whole CloudEvent (structured JSON), exactly what a webhook receives. */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false, columnDefinition = "jsonb")
  public String envelope;
}
