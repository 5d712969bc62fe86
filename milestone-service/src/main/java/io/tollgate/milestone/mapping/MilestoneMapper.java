package io.tollgate.milestone.mapping;

import io.tollgate.milestone.model.Milestone;
import io.tollgate.milestone.model.MilestoneStatus;
import io.tollgate.milestone.rest.MilestonePatch;
import io.tollgate.milestone.rest.MilestoneView;
import io.tollgate.milestone.service.Buffers;
import java.math.BigDecimal;
import java.time.LocalDate;

public final class MilestoneMapper {

  private MilestoneMapper() {}

  /** The milestone as the API shows it, its status judged on {@code today}. */
  public static MilestoneView toView(Milestone m, LocalDate today) {
    long slip = Buffers.slipDays(m);
    BigDecimal consumption = Buffers.consumption(slip, m.bufferDays);
    return new MilestoneView(
        m.id,
        m.projectId,
        m.name,
        m.description,
        m.kind,
        Buffers.status(m, today),
        m.plannedDate,
        m.bufferDays,
        m.forecastDate,
        m.ownForecastDate,
        m.actualDate,
        slip,
        Buffers.varianceDays(m),
        consumption == null ? null : consumption.toPlainString(),
        Buffers.zone(slip, m.bufferDays),
        decimal(m.plannedValue),
        m.version,
        m.createdAt,
        m.updatedAt);
  }

  /** The writable fields as they are; status is the work's own (LATE is derived). */
  public static MilestonePatch toPatchable(Milestone m) {
    return new MilestonePatch(
        m.name,
        m.description,
        m.kind,
        m.bufferDays,
        m.ownForecastDate,
        m.plannedValue,
        workStatus(m));
  }

  /** COMPLETED, else IN_PROGRESS once started, else PLANNED: what a client sets, not LATE. */
  public static MilestoneStatus workStatus(Milestone m) {
    if (m.actualDate != null) {
      return MilestoneStatus.COMPLETED;
    }
    return m.started ? MilestoneStatus.IN_PROGRESS : MilestoneStatus.PLANNED;
  }

  /** 25000.0000 (as stored) is "25000", and 0.5000 is "0.5"; null stays null. */
  public static String decimal(BigDecimal value) {
    if (value == null) {
      return null;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
  }
}
