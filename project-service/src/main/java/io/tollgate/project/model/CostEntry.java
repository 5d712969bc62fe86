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

/** One line of a project's cost ledger: the actual cost (AC) of earned value. */
@Entity
@Table(name = "cost_entry")
public class CostEntry {

  @Id public UUID id;

  @Column(name = "project_id", nullable = false)
  public UUID projectId;

  @Column(name = "entry_date", nullable = false)
  public LocalDate date;

  @Column(nullable = false, precision = 19, scale = 4)
  public BigDecimal amount;

  @Column(nullable = false, length = 3)
  public String currency;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public CostCategory category;

  public String note;

  @Column(name = "created_by", nullable = false)
  public String createdBy;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  @Version
  @Column(nullable = false)
  public long version;
}
