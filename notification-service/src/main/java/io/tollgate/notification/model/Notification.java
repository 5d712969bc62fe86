package io.tollgate.notification.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An in-app notification: one per user and event, however many of their subscriptions matched. */
@Entity
@Table(name = "notification")
public class Notification {

  @Id public UUID id;

  @Column(name = "user_id", nullable = false)
  public String userId;

  /** The subscription that brought it; null once that subscription is deleted. */
  @Column(name = "subscription_id")
  public UUID subscriptionId;

  @Column(name = "event_id", nullable = false)
  public String eventId;

  @Column(name = "project_id")
  public UUID projectId;

  @Column(name = "event_type", nullable = false)
  public String eventType;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public Severity severity;

  /** In the subscription's audience's language. */
  @Column(nullable = false)
  public String title;

  @Column(nullable = false)
  public String message;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  /** Null while unread. */
  @Column(name = "read_at")
  public OffsetDateTime readAt;
}
