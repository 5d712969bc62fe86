package io.tollgate.project.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One value of a KPI, on a date. */
@Entity
@Table(name = "kpi_measurement")
public class KpiMeasurement {

  @Id public UUID id;

  @Column(name = "kpi_id", nullable = false)
  public UUID kpiId;

  @Column(name = "project_id", nullable = false)
  public UUID projectId;

  @Column(name = "measured_on", nullable = false)
  public LocalDate measuredOn;

  @Column(nullable = false, precision = 24, scale = 6)
  public BigDecimal value;

  public String note;

  @Column(name = "recorded_by", nullable = false)
  public String recordedBy;

  @Column(name = "recorded_at", nullable = false)
  public OffsetDateTime recordedAt;
}
