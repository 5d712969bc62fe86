package io.tollgate.milestone.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * What milestone-service knows of a risk owned by risk-service, kept from {@code risk.events}: what
 * the risk-adjusted forecast needs (ADR 0027).
 */
@Entity
@Table(name = "risk_ref")
public class RiskRef {

  public static final String OPEN = "OPEN";

  @Id
  @Column(name = "risk_id")
  public UUID riskId;

  @Column(name = "project_id", nullable = false)
  public UUID projectId;

  /** 1-5 (DOMAIN.md "Risk scoring"). */
  @Column(nullable = false)
  public int probability;

  @Column(nullable = false)
  public String status;

  /** Days each linked milestone slips when the risk occurs; null when not estimated. */
  @Column(name = "schedule_impact_days")
  public Integer scheduleImpactDays;

  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(name = "milestone_ids", nullable = false)
  public List<UUID> milestoneIds = new ArrayList<>();

  @Column(nullable = false)
  public long version;

  @Column(name = "updated_at", nullable = false)
  public OffsetDateTime updatedAt;

  public boolean open() {
    return OPEN.equals(status);
  }
}
