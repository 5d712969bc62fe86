package io.tollgate.project.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** What project-service knows of a risk owned by risk-service, kept from {@code risk.events}. */
@Entity
@Table(name = "risk_ref")
public class RiskRef {

  public static final String CLOSED = "CLOSED";

  @Id
  @Column(name = "risk_id")
  public UUID riskId;

  @Column(name = "project_id", nullable = false)
  public UUID projectId;

  public String title;

  public String category;

  @Column(nullable = false)
  public String level;

  public Integer score;

  @Column(nullable = false)
  public String status;

  @Column(nullable = false)
  public long version;

  @Column(name = "updated_at", nullable = false)
  public OffsetDateTime updatedAt;

  public boolean open() {
    return !CLOSED.equals(status);
  }
}
