package io.tollgate.project.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A key performance indicator of a project, with its target. */
@Entity
@Table(name = "kpi")
public class Kpi {

  @Id public UUID id;

  @Column(name = "project_id", nullable = false)
  public UUID projectId;

  @Column(nullable = false)
  public String name;

  /** What a value counts, e.g. "%" or "tickets/week". */
  @Column(nullable = false)
  public String unit;

  @Column(nullable = false, precision = 24, scale = 6)
  public BigDecimal target;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public KpiDirection direction;

  public String description;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  public OffsetDateTime updatedAt;

  @Version
  @Column(nullable = false)
  public long version;
}
