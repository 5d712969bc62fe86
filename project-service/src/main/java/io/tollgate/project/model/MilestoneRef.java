package io.tollgate.project.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What project-service knows of a milestone owned by milestone-service, kept from {@code
 * milestone.events}. Kind, status and zone stay strings: a value added later by the producer is
 * kept, not refused (an unknown status counts as open).
 */
@Entity
@Table(name = "milestone_ref")
public class MilestoneRef {

  public static final String COMPLETED = "COMPLETED";
  public static final String LATE = "LATE";

  @Id
  @Column(name = "milestone_id")
  public UUID milestoneId;

  @Column(name = "project_id", nullable = false)
  public UUID projectId;

  public String name;

  @Column(nullable = false)
  public String kind;

  @Column(nullable = false)
  public String status;

  @Column(name = "planned_date")
  public LocalDate plannedDate;

  @Column(name = "buffer_days")
  public Integer bufferDays;

  @Column(name = "forecast_date")
  public LocalDate forecastDate;

  @Column(name = "actual_date")
  public LocalDate actualDate;

  public String zone;

  @Column(name = "planned_value", precision = 19, scale = 4)
  public BigDecimal plannedValue;

  /** A deleted milestone is kept as a tombstone, so that an older event cannot revive it. */
  @Column(nullable = false)
  public boolean deleted;

  @Column(nullable = false)
  public long version;

  @Column(name = "updated_at", nullable = false)
  public OffsetDateTime updatedAt;

  public boolean completed() {
    return COMPLETED.equals(status);
  }

  /**
   * The day it was completed, or {@code null} while it is not: its actual date, which the event
   * contract requires on completion (tolerantly, the day the completion was received without one).
   */
  public LocalDate completedOn() {
    if (!completed()) {
      return null;
    }
    return actualDate != null ? actualDate : updatedAt.toLocalDate();
  }

  /** Whether it was completed by the end of {@code day}. */
  public boolean completedBy(LocalDate day) {
    LocalDate on = completedOn();
    return on != null && !on.isAfter(day);
  }
}
