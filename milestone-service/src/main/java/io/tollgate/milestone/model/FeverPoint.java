package io.tollgate.milestone.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/** A project's fever chart point of one UTC day: the day's latest value (ADR 0029). */
@Entity
@Table(name = "fever_point")
@IdClass(FeverPoint.Key.class)
public class FeverPoint {

  @Id
  @Column(name = "project_id")
  public UUID projectId;

  @Id
  @Column(name = "on_day")
  public LocalDate onDay;

  @Column(name = "completion_percent", nullable = false)
  public BigDecimal completionPercent;

  @Column(name = "consumption_percent", nullable = false)
  public BigDecimal consumptionPercent;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public FeverZone zone;

  @Column(name = "project_end_milestone_id", nullable = false)
  public UUID projectEndMilestoneId;

  /** When the change that wrote the day's value was made. */
  @Column(name = "recorded_at", nullable = false)
  public OffsetDateTime recordedAt;

  /** The composite key. */
  public static class Key implements Serializable {
    public UUID projectId;
    public LocalDate onDay;

    public Key() {}

    public Key(UUID projectId, LocalDate onDay) {
      this.projectId = projectId;
      this.onDay = onDay;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(projectId, k.projectId)
          && Objects.equals(onDay, k.onDay);
    }

    @Override
    public int hashCode() {
      return Objects.hash(projectId, onDay);
    }
  }
}
