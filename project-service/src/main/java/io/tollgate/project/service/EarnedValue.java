package io.tollgate.project.service;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Earned value management (PMBOK), as DOMAIN.md defines it:
 *
 * <ul>
 *   <li>BAC = the budget; PV(d) = Σ planned value of milestones planned by d; EV(d) = Σ planned
 *       value of milestones completed by d; AC(d) = Σ cost-ledger entries dated by d.
 *   <li>Milestones without a planned value share what the budget leaves after the valued ones,
 *       evenly (all of it when none has a value). Without any milestone there is nothing to spread
 *       the budget over (BAC / 0): PV, EV and all that depends on them are undefined, not 0.
 *   <li>SV = EV − PV, CV = EV − AC, SPI = EV / PV, CPI = EV / AC, EAC = BAC / CPI, ETC = EAC − AC,
 *       VAC = BAC − EAC, TCPI = (BAC − EV) / (BAC − AC).
 * </ul>
 *
 * A quotient whose divisor is 0 is undefined (null), never 0, and {@link Result#undefined} says
 * why. Nothing is rounded here; rounding is for display.
 */
public final class EarnedValue {

  /** Why what needs the budget (BAC) is undefined without one. */
  private static final String NO_BUDGET = "the project has no budget (BAC)";

  /**
   * 34 significant digits, and no binary floats. An amount may have 15 integer digits and up to 4
   * decimals (19 digits), so 16 (DECIMAL64) would already round a share of the largest budgets
   * before display: a third of 123456789012345.67, times three, came back as ...345.66.
   */
  static final MathContext MATH = MathContext.DECIMAL128;

  private EarnedValue() {}

  /**
   * A milestone as earned value sees it.
   *
   * @param plannedValue null when milestone-service gave it none
   * @param completedOn null while not completed
   */
  public record Milestone(
      UUID id, LocalDate plannedDate, BigDecimal plannedValue, LocalDate completedOn) {}

  /**
   * @param undefined metric name (spi, cpi, eac, etc, vac, tcpi, percentComplete, budgetBurn) to
   *     the reason it has no value
   */
  public record Result(
      BigDecimal bac,
      BigDecimal pv,
      BigDecimal ev,
      BigDecimal ac,
      BigDecimal sv,
      BigDecimal cv,
      BigDecimal spi,
      BigDecimal cpi,
      BigDecimal eac,
      BigDecimal etc,
      BigDecimal vac,
      BigDecimal tcpi,
      BigDecimal percentComplete,
      BigDecimal budgetBurn,
      Map<String, String> undefined) {}

  /**
   * @param bac the budget, or null when the project has none
   * @param ac the actual cost by {@code asOf}
   */
  public static Result compute(
      BigDecimal bac, List<Milestone> milestones, BigDecimal ac, LocalDate asOf) {
    Map<String, String> undefined = new LinkedHashMap<>();
    long unvalued = Split.of(milestones).unvalued();
    if (bac == null && (milestones.isEmpty() || unvalued > 0)) {
      return unmeasurable(
          null,
          ac,
          milestones.isEmpty()
              ? "the project has no milestones and no budget (BAC): no work can be valued"
              : "the project has no budget (BAC) to value its "
                  + unvalued
                  + (unvalued == 1 ? " milestone" : " milestones")
                  + " without a planned value");
    }
    if (milestones.isEmpty()) {
      return unmeasurable(
          bac,
          ac,
          "the project has no milestones: no planned work to spread the budget (BAC) over, so"
              + " none can be valued");
    }
    Valuation valuation = Valuation.of(bac, milestones);
    List<Milestone> planned = new ArrayList<>();
    List<Milestone> completed = new ArrayList<>();
    for (Milestone m : milestones) {
      if (m.plannedDate() != null && !m.plannedDate().isAfter(asOf)) {
        planned.add(m);
      }
      if (m.completedOn() != null && !m.completedOn().isAfter(asOf)) {
        completed.add(m);
      }
    }
    // every quotient below is one division of exact n-fold values (n = the scale), so that a ratio
    // that is exact by the numbers (an SPI of a third over two thirds of the budget: 0.5) is not
    // computed from rounded thirds as 0.4999…9 and shown, rounded down, as 0.4999
    BigDecimal n = valuation.scale();
    BigDecimal pvN = valuation.scaledWorth(planned);
    BigDecimal evN = valuation.scaledWorth(completed);
    BigDecimal acN = ac.multiply(n);
    BigDecimal pv = pvN.divide(n, MATH);
    BigDecimal ev = evN.divide(n, MATH);
    BigDecimal sv = evN.subtract(pvN).divide(n, MATH);
    BigDecimal cv = evN.subtract(acN).divide(n, MATH);

    BigDecimal spi = null;
    if (pvN.signum() == 0) {
      undefined.put("spi", "PV is 0: no milestone value is planned by " + asOf);
    } else {
      spi = evN.divide(pvN, MATH);
    }
    BigDecimal cpi = null;
    if (ac.signum() == 0) {
      undefined.put("cpi", "AC is 0: no cost is recorded by " + asOf);
    } else {
      cpi = evN.divide(acN, MATH);
    }

    BigDecimal eac = null;
    BigDecimal etc = null;
    BigDecimal vac = null;
    BigDecimal tcpi = null;
    BigDecimal percentComplete = null;
    BigDecimal budgetBurn = null;
    if (bac == null) {
      for (String metric : List.of("eac", "etc", "vac", "tcpi", "percentComplete", "budgetBurn")) {
        undefined.put(metric, NO_BUDGET);
      }
    } else {
      percentComplete = evN.divide(bac.multiply(n), MATH);
      budgetBurn = ac.divide(bac, MATH);
      if (cpi == null) {
        String why = "CPI is undefined (AC is 0)";
        undefined.put("eac", why);
        undefined.put("etc", why);
        undefined.put("vac", why);
      } else if (cpi.signum() == 0) {
        String why = "CPI is 0: nothing is earned yet (EV is 0) for the cost recorded";
        undefined.put("eac", why);
        undefined.put("etc", why);
        undefined.put("vac", why);
      } else {
        // BAC / CPI = BAC × AC / EV: one division, so no intermediate rounding
        eac = bac.multiply(acN).divide(evN, MATH);
        etc = eac.subtract(ac);
        vac = bac.subtract(eac);
      }
      BigDecimal remainingBudget = bac.subtract(ac);
      if (remainingBudget.signum() == 0) {
        undefined.put("tcpi", "BAC − AC is 0: the whole budget is spent");
      } else if (remainingBudget.signum() < 0) {
        // (BAC − EV) / (BAC − AC) would come out negative, or positive for work beyond BAC:
        // no efficiency finishes the remaining work within a budget that is already exceeded
        undefined.put(
            "tcpi",
            // no amount in the text: it would need the currency's decimals, and the answer
            // already carries AC and BAC, each formatted for its currency
            "AC exceeds BAC: the whole budget is spent and more, so no efficiency finishes the"
                + " remaining work within it");
      } else {
        tcpi = bac.multiply(n).subtract(evN).divide(remainingBudget.multiply(n), MATH);
      }
    }
    return new Result(
        bac,
        pv,
        ev,
        ac,
        sv,
        cv,
        spi,
        cpi,
        eac,
        etc,
        vac,
        tcpi,
        percentComplete,
        budgetBurn,
        undefined);
  }

  /**
   * Earned value that cannot be measured: without a budget, a milestone without a planned value of
   * its own has no value to earn, and without milestones the budget has no work to be spread over;
   * PV and EV (and everything from them) would read 0 and make a project that spends look as if it
   * did no work (a CPI of 0, a RED cost rating).
   *
   * @param bac the budget, or null: with one, the budget burn (AC / BAC) is still measured
   */
  private static Result unmeasurable(BigDecimal bac, BigDecimal ac, String why) {
    Map<String, String> undefined = new LinkedHashMap<>();
    for (String metric :
        List.of(
            "pv", "ev", "sv", "cv", "spi", "cpi", "eac", "etc", "vac", "tcpi", "percentComplete")) {
      undefined.put(metric, why);
    }
    BigDecimal budgetBurn = null;
    if (bac == null) {
      undefined.put("budgetBurn", NO_BUDGET);
    } else {
      budgetBurn = ac.divide(bac, MATH);
    }
    return new Result(
        bac,
        null,
        null,
        ac,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        budgetBurn,
        undefined);
  }

  /**
   * What milestones are worth: their own planned value, or an even share of what the budget leaves
   * after the valued ones.
   *
   * <p>A share is a quotient (a third of 100,000 has no exact decimal), so a sum of shares is taken
   * as {@code left × k / n}, one division, rather than as k rounded shares: three thirds of the
   * budget then add up to the budget itself, and a CPI that is exactly 0.8 by the numbers is not
   * computed as 0.7999…9 and rated below its threshold. Quotients of such sums are taken from their
   * n-fold values ({@link #scaledWorth}), which are exact.
   *
   * @param left what the budget leaves for the milestones without a value of their own (0 without a
   *     budget, or when the valued ones take all of it)
   * @param unvalued how many milestones share it
   */
  record Valuation(BigDecimal left, long unvalued) {

    static Valuation of(BigDecimal bac, List<Milestone> milestones) {
      Split all = Split.of(milestones);
      BigDecimal left =
          bac == null || all.unvalued() == 0
              ? BigDecimal.ZERO
              : bac.subtract(all.valued()).max(BigDecimal.ZERO);
      return new Valuation(left, all.unvalued());
    }

    /** The planned value of these milestones together. */
    BigDecimal worth(List<Milestone> milestones) {
      return scaledWorth(milestones).divide(scale(), MATH);
    }

    /** n, the number of milestones sharing {@code left} (1 when none does). */
    BigDecimal scale() {
      return BigDecimal.valueOf(Math.max(unvalued, 1));
    }

    /** n × the planned value of these milestones together: exact, where a share may not be. */
    BigDecimal scaledWorth(List<Milestone> milestones) {
      Split these = Split.of(milestones);
      return these
          .valued()
          .multiply(scale())
          .add(left.multiply(BigDecimal.valueOf(these.unvalued())));
    }
  }

  /**
   * Milestones split by whether they carry a planned value of their own.
   *
   * @param valued the sum of the planned values they carry
   * @param unvalued how many carry none
   */
  private record Split(BigDecimal valued, long unvalued) {

    static Split of(List<Milestone> milestones) {
      BigDecimal valued = BigDecimal.ZERO;
      long unvalued = 0;
      for (Milestone m : milestones) {
        if (m.plannedValue() == null) {
          unvalued++;
        } else {
          valued = valued.add(m.plannedValue());
        }
      }
      return new Split(valued, unvalued);
    }
  }
}
