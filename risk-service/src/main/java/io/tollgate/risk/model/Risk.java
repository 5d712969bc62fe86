package io.tollgate.risk.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A risk of a project: how likely and how bad (probability and impact 1-5), the response chosen,
 * what is left after it (the residuals) and what it would cost.
 */
@Entity
@Table(name = "risk")
public class Risk {

  @Id public UUID id;

  @Column(name = "project_id", nullable = false)
  public UUID projectId;

  @Column(nullable = false)
  public String title;

  public String description;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public RiskCategory category;

  @Column(nullable = false)
  public int probability;

  @Column(nullable = false)
  public int impact;

  /** probability x impact; stored so that lists order and filter on it. */
  @Column(nullable = false)
  public int score;

  /** The score's level in the default matrix; stored so that lists filter on it. */
  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public RiskLevel level;

  /** The user id of who answers for it; null when nobody does yet. */
  public String owner;

  @Enumerated(EnumType.STRING)
  public RiskStrategy strategy;

  /** What it would cost if it occurred, in the project's budget currency; null when unknown. */
  @Column(name = "cost_impact", precision = 19, scale = 4)
  public BigDecimal costImpact;

  @Column(name = "schedule_impact_days")
  public Integer scheduleImpactDays;

  /** The milestones it threatens, as the client gave them (milestone-service owns them). */
  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(name = "milestone_ids", nullable = false)
  public List<UUID> milestoneIds = new ArrayList<>();

  @Column(name = "residual_probability")
  public Integer residualProbability;

  @Column(name = "residual_impact")
  public Integer residualImpact;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public RiskStatus status;

  /**
   * The milestone that raised it automatically when it ate its buffer (ADR 0028); null for a risk a
   * person registered.
   */
  @Column(name = "raised_by_milestone_id")
  public UUID raisedByMilestoneId;

  @Column(name = "closed_reason")
  public String closedReason;

  /** When probability, impact or the residuals were last assessed (its creation at first). */
  @Column(name = "last_assessed_at", nullable = false)
  public OffsetDateTime lastAssessedAt;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  public OffsetDateTime updatedAt;

  @Version
  @Column(nullable = false)
  public long version;
}
