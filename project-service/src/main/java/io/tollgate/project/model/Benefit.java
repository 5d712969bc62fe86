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

/** A benefit the project is expected to bring: once, or every period from its start date. */
@Entity
@Table(name = "benefit")
public class Benefit {

  @Id public UUID id;

  @Column(name = "project_id", nullable = false)
  public UUID projectId;

  @Column(nullable = false)
  public String description;

  /** Per occurrence. */
  @Column(nullable = false, precision = 19, scale = 4)
  public BigDecimal amount;

  @Column(nullable = false, length = 3)
  public String currency;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public Recurrence recurrence;

  @Column(name = "start_date", nullable = false)
  public LocalDate startDate;

  /** The last date a recurring benefit can occur; none: until the business case's horizon. */
  @Column(name = "end_date")
  public LocalDate endDate;

  @Column(name = "created_by", nullable = false)
  public String createdBy;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  @Version
  @Column(nullable = false)
  public long version;
}
