package io.tollgate.notification.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Who wants which events of which project, through which channel (ADR 0026). */
@Entity
@Table(name = "subscription")
public class Subscription {

  @Id public UUID id;

  @Column(nullable = false)
  public String name;

  /** Null: every project (only ADMIN and PMO subscribe so). */
  @Column(name = "project_id")
  public UUID projectId;

  /** The user id of who subscribed, who receives inbox notifications and manages it. */
  @Column(name = "owner_id", nullable = false)
  public String ownerId;

  /** ADMIN or PMO when the owner had that platform role on subscribing; otherwise null. */
  @Column(name = "owner_platform_role")
  public String ownerPlatformRole;

  @Column(name = "api_key_id")
  public UUID apiKeyId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public Channel channel;

  /** WEBHOOK only. */
  public String url;

  /** EMAIL only. */
  public String email;

  /** WEBHOOK only: the signing secret, {@code whsec_} and base64; never answered after creation. */
  public String secret;

  /** Exact event types or families ({@code tollgate.risk.*}); empty: every type. */
  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(name = "event_types", nullable = false)
  public List<String> eventTypes = new ArrayList<>();

  @Enumerated(EnumType.STRING)
  @Column(name = "min_severity", nullable = false)
  public Severity minSeverity;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public Audience audience;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public Digest digest;

  @Column(nullable = false)
  public boolean active;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  public OffsetDateTime updatedAt;

  @Version
  @Column(nullable = false)
  public long version;
}
