package io.tollgate.project.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An IT project: the aggregate project-service owns. */
@Entity
@Table(name = "project")
public class Project {

  @Id public UUID id;

  @Column(name = "project_key", nullable = false, unique = true)
  public String key;

  @Column(nullable = false)
  public String name;

  public String description;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public Methodology methodology;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public Phase phase;

  /** While ON_HOLD: the phase the project resumes into. */
  @Enumerated(EnumType.STRING)
  @Column(name = "held_phase")
  public Phase heldPhase;

  @Column(name = "start_date")
  public LocalDate startDate;

  @Column(name = "target_date")
  public LocalDate targetDate;

  /** Budget at completion (BAC); set together with its currency or not at all. */
  @Column(name = "budget_amount", precision = 19, scale = 4)
  public BigDecimal budgetAmount;

  /** ISO 4217 code; every amount of the project is in this currency. */
  @Column(name = "budget_currency", length = 3)
  public String budgetCurrency;

  @Column(nullable = false)
  public boolean archived;

  @Column(name = "archived_at")
  public OffsetDateTime archivedAt;

  @Column(name = "created_by")
  public String createdBy;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  public OffsetDateTime updatedAt;

  @Version
  @Column(nullable = false)
  public long version;

  public boolean hasBudget() {
    return budgetAmount != null;
  }
}
