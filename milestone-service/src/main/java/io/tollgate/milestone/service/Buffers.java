package io.tollgate.milestone.service;

import io.tollgate.milestone.model.Milestone;
import io.tollgate.milestone.model.MilestoneStatus;
import io.tollgate.milestone.model.Zone;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * What a milestone's stored dates mean (DOMAIN.md "Buffers"): its slip, how much of its buffer that
 * consumes, the zone it is in and its status. Compared in whole numbers, never in floating point,
 * so that a slip of exactly a third of the buffer is AT_RISK.
 */
public final class Buffers {

  private Buffers() {}

  /** The day statuses are judged on: today in UTC. */
  public static LocalDate today() {
    return LocalDate.now(ZoneOffset.UTC);
  }

  /** Effective forecast minus planned date, in days; negative when it is early. */
  public static long varianceDays(Milestone m) {
    return ChronoUnit.DAYS.between(m.plannedDate, m.forecastDate);
  }

  /** Days the forecast lies past the planned date; being early counts 0. */
  public static long slipDays(Milestone m) {
    return Math.max(0, varianceDays(m));
  }

  /** Slip over buffer to 4 places; null without a buffer, where any slip consumes it all. */
  public static BigDecimal consumption(long slip, int bufferDays) {
    return bufferDays == 0
        ? null
        : BigDecimal.valueOf(slip).divide(BigDecimal.valueOf(bufferDays), 4, RoundingMode.HALF_UP);
  }

  /** Below a third of the buffer ON_TRACK, below all of it AT_RISK, else OFF_TRACK. */
  public static Zone zone(long slip, int bufferDays) {
    if (slip == 0) {
      return Zone.ON_TRACK;
    }
    if (slip >= bufferDays) {
      return Zone.OFF_TRACK;
    }
    return 3 * slip < bufferDays ? Zone.ON_TRACK : Zone.AT_RISK;
  }

  public static Zone zone(Milestone m) {
    return zone(slipDays(m), m.bufferDays);
  }

  /**
   * COMPLETED with an actual date; LATE once the planned date plus the buffer has passed; else
   * IN_PROGRESS once started, else PLANNED.
   */
  public static MilestoneStatus status(Milestone m, LocalDate today) {
    if (m.actualDate != null) {
      return MilestoneStatus.COMPLETED;
    }
    if (today.isAfter(m.plannedDate.plusDays(m.bufferDays))) {
      return MilestoneStatus.LATE;
    }
    return m.started ? MilestoneStatus.IN_PROGRESS : MilestoneStatus.PLANNED;
  }
}
