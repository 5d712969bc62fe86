package io.tollgate.project.service;

import io.tollgate.project.model.KpiDirection;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** How a KPI stands, from its target, direction and measurements; no I/O. */
public final class Kpis {

  private Kpis() {}

  /** Which way the last measurement moved, in the KPI's own terms. */
  public enum Trend {
    IMPROVING,
    STEADY,
    WORSENING
  }

  public record Measurement(LocalDate measuredOn, BigDecimal value) {}

  /**
   * @param latest null without measurements
   * @param trend the last measurement against the one before; null with fewer than two
   * @param meetsTarget whether the latest value meets the target; null without measurements
   * @param missedLastTwo whether each of the last two measurements misses the target
   * @param consecutiveMisses how many of the latest measurements in a row miss the target (health)
   */
  public record Status(
      Measurement latest,
      Measurement previous,
      Trend trend,
      Boolean meetsTarget,
      boolean missedLastTwo,
      int consecutiveMisses,
      int measurements) {}

  /**
   * @param chronological the measurements in time order (oldest first)
   */
  public static Status evaluate(
      KpiDirection direction, BigDecimal target, List<Measurement> chronological) {
    int n = chronological.size();
    if (n == 0) {
      return new Status(null, null, null, null, false, 0, 0);
    }
    Measurement latest = chronological.get(n - 1);
    Measurement previous = n > 1 ? chronological.get(n - 2) : null;
    Trend trend = null;
    if (previous != null) {
      int moved = latest.value().compareTo(previous.value());
      if (direction == KpiDirection.LOWER_IS_BETTER) {
        moved = -moved;
      }
      trend = moved > 0 ? Trend.IMPROVING : moved < 0 ? Trend.WORSENING : Trend.STEADY;
    }
    boolean meets = meets(direction, target, latest.value());
    int misses = 0;
    for (int i = n - 1; i >= 0 && !meets(direction, target, chronological.get(i).value()); i--) {
      misses++;
    }
    return new Status(latest, previous, trend, meets, misses >= 2, misses, n);
  }

  public static boolean meets(KpiDirection direction, BigDecimal target, BigDecimal value) {
    int c = value.compareTo(target);
    return direction == KpiDirection.HIGHER_IS_BETTER ? c >= 0 : c <= 0;
  }
}
