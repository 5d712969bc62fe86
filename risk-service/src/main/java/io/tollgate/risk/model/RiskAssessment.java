package io.tollgate.risk.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One assessment of a risk: its probability, impact and residuals as they were then, and why. */
@Entity
@Table(name = "risk_assessment")
public class RiskAssessment {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long seq;

  @Column(name = "risk_id", nullable = false)
  public UUID riskId;

  @Column(name = "project_id", nullable = false)
  public UUID projectId;

  @Column(nullable = false)
  public int probability;

  @Column(nullable = false)
  public int impact;

  @Column(nullable = false)
  public int score;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public RiskLevel level;

  @Column(name = "residual_probability")
  public Integer residualProbability;

  @Column(name = "residual_impact")
  public Integer residualImpact;

  @Column(name = "residual_score")
  public Integer residualScore;

  @Enumerated(EnumType.STRING)
  @Column(name = "residual_level")
  public RiskLevel residualLevel;

  @Column(name = "assessed_at", nullable = false)
  public OffsetDateTime assessedAt;

  @Column(name = "assessed_by", nullable = false)
  public String assessedBy;

  @Column(name = "api_key_id")
  public UUID apiKeyId;

  /** What the assessment changed ("identified" for the first). */
  @Column(nullable = false)
  public String reason;
}
