package io.tollgate.milestone.model;

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

/**
 * A milestone of a project: a baseline date with a buffer for technical uncertainty, the forecast
 * the team gives, and the date it was actually reached.
 */
@Entity
@Table(name = "milestone")
public class Milestone {

  @Id public UUID id;

  @Column(name = "project_id", nullable = false)
  public UUID projectId;

  @Column(nullable = false)
  public String name;

  public String description;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public MilestoneKind kind;

  /** The current baseline; moved only by re-taking the baseline, with a reason. */
  @Column(name = "planned_date", nullable = false)
  public LocalDate plannedDate;

  @Column(name = "buffer_days", nullable = false)
  public int bufferDays;

  /** The forecast the team entered (the planned date until they give one). */
  @Column(name = "own_forecast_date", nullable = false)
  public LocalDate ownForecastDate;

  /**
   * The effective forecast: the actual date once completed, else the later of the own forecast and
   * what the predecessors' forecasts plus their lags allow. Stored so that lists filter on it.
   */
  @Column(name = "forecast_date", nullable = false)
  public LocalDate forecastDate;

  @Column(name = "actual_date")
  public LocalDate actualDate;

  /** Whether work on it has started (IN_PROGRESS rather than PLANNED while open). */
  @Column(nullable = false)
  public boolean started;

  /** Its share of the budget (earned value), in the project's budget currency; null when unset. */
  @Column(name = "planned_value", precision = 19, scale = 4)
  public BigDecimal plannedValue;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  public OffsetDateTime updatedAt;

  @Version
  @Column(nullable = false)
  public long version;
}
