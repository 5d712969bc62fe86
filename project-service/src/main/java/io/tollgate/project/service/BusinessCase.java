package io.tollgate.project.service;

import io.tollgate.project.model.Recurrence;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The business case, as DOMAIN.md defines it: over a horizon (everything dated up to its end), ROI
 * = (Σ benefits − Σ costs) / Σ costs, and the payback date is the first date on which cumulative
 * benefits reach cumulative costs. Undefined values are null with a reason.
 */
public final class BusinessCase {

  private static final int COSTS = 0;
  private static final int BENEFITS = 1;

  private BusinessCase() {}

  public record Flow(LocalDate date, BigDecimal amount) {}

  /**
   * An expected benefit: {@code amount} on {@code start}, and for a recurring one again every
   * period until {@code end} (inclusive) or the horizon's end.
   */
  public record Benefit(BigDecimal amount, LocalDate start, Recurrence recurrence, LocalDate end) {}

  public record Result(
      LocalDate horizonEnd,
      BigDecimal totalCosts,
      BigDecimal totalBenefits,
      BigDecimal netBenefit,
      BigDecimal roi,
      LocalDate paybackDate,
      Period paybackPeriod,
      Map<String, String> undefined) {}

  public static Result compute(List<Flow> costs, List<Benefit> benefits, LocalDate horizonEnd) {
    Map<String, String> undefined = new LinkedHashMap<>();
    TreeMap<LocalDate, BigDecimal[]> byDate = new TreeMap<>();
    BigDecimal totalCosts = BigDecimal.ZERO;
    for (Flow c : costs) {
      if (!c.date().isAfter(horizonEnd)) {
        BigDecimal[] day = byDate.computeIfAbsent(c.date(), d -> zeros());
        day[COSTS] = day[COSTS].add(c.amount());
        totalCosts = totalCosts.add(c.amount());
      }
    }
    BigDecimal totalBenefits = BigDecimal.ZERO;
    for (Benefit b : benefits) {
      for (Flow f : flows(b, horizonEnd)) {
        BigDecimal[] day = byDate.computeIfAbsent(f.date(), d -> zeros());
        day[BENEFITS] = day[BENEFITS].add(f.amount());
        totalBenefits = totalBenefits.add(f.amount());
      }
    }
    BigDecimal net = totalBenefits.subtract(totalCosts);
    BigDecimal roi = null;
    LocalDate payback = null;
    Period paybackPeriod = null;
    if (totalCosts.signum() == 0) {
      undefined.put("roi", "no cost is recorded up to " + horizonEnd);
      undefined.put("paybackDate", "no cost is recorded up to " + horizonEnd);
    } else {
      roi = net.divide(totalCosts, EarnedValue.MATH);
      BigDecimal cumulativeCosts = BigDecimal.ZERO;
      BigDecimal cumulativeBenefits = BigDecimal.ZERO;
      LocalDate firstCost = null;
      for (Map.Entry<LocalDate, BigDecimal[]> day : byDate.entrySet()) {
        cumulativeCosts = cumulativeCosts.add(day.getValue()[COSTS]);
        cumulativeBenefits = cumulativeBenefits.add(day.getValue()[BENEFITS]);
        if (firstCost == null && cumulativeCosts.signum() > 0) {
          firstCost = day.getKey();
        }
        if (cumulativeCosts.signum() > 0 && cumulativeBenefits.compareTo(cumulativeCosts) >= 0) {
          payback = day.getKey();
          paybackPeriod = Period.between(firstCost, payback);
          break;
        }
      }
      if (payback == null) {
        undefined.put(
            "paybackDate", "cumulative benefits stay below cumulative costs up to " + horizonEnd);
      }
    }
    if (paybackPeriod == null) {
      undefined.put("paybackPeriod", undefined.get("paybackDate"));
    }
    return new Result(
        horizonEnd, totalCosts, totalBenefits, net, roi, payback, paybackPeriod, undefined);
  }

  /**
   * The most benefit occurrences one business case counts. A realistic case (fifty monthly benefits
   * over ten years) has 6,000; without a limit, monthly benefits dated from the year 1000 with a
   * horizon in 9999 would hold a request's worker and memory (every distinct date is kept) for as
   * long as they last.
   */
  public static final long MAX_OCCURRENCES = 100_000;

  /**
   * At least as many occurrences as {@link #flows} would list for these benefits up to {@code
   * horizonEnd} (at most two more per benefit), counted without listing them.
   */
  public static long occurrences(List<Benefit> benefits, LocalDate horizonEnd) {
    long total = 0;
    for (Benefit b : benefits) {
      if (b.start().isAfter(horizonEnd)) {
        continue;
      }
      if (b.recurrence() == Recurrence.ONE_OFF) {
        total++;
        continue;
      }
      LocalDate last = b.end() == null || b.end().isAfter(horizonEnd) ? horizonEnd : b.end();
      long months = Math.max(0, ChronoUnit.MONTHS.between(b.start(), last));
      total += months / b.recurrence().every().toTotalMonths() + 2;
    }
    return total;
  }

  /** The dated amounts of a benefit up to {@code horizonEnd}. */
  public static List<Flow> flows(Benefit b, LocalDate horizonEnd) {
    List<Flow> flows = new ArrayList<>();
    if (b.recurrence() == Recurrence.ONE_OFF) {
      if (!b.start().isAfter(horizonEnd)) {
        flows.add(new Flow(b.start(), b.amount()));
      }
      return flows;
    }
    LocalDate last = b.end() == null || b.end().isAfter(horizonEnd) ? horizonEnd : b.end();
    // the n-th occurrence counts from the start, so month ends do not drift (31 Jan, 28 Feb, 31
    // Mar)
    for (int n = 0; ; n++) {
      LocalDate date = b.start().plus(b.recurrence().every().multipliedBy(n));
      if (date.isAfter(last)) {
        return flows;
      }
      flows.add(new Flow(date, b.amount()));
    }
  }

  private static BigDecimal[] zeros() {
    return new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO};
  }
}
