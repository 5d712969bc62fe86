package io.tollgate.project.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Earned value on worked examples in the style of the PMBOK Guide and PMP preparation texts. */
class EarnedValueTest {

  static final LocalDate AS_OF = LocalDate.of(2026, 3, 31);

  static BigDecimal $(String amount) {
    return new BigDecimal(amount);
  }

  static EarnedValue.Milestone m(String planned, String value, String completed) {
    return new EarnedValue.Milestone(
        UUID.randomUUID(),
        planned == null ? null : LocalDate.parse(planned),
        value == null ? null : $(value),
        completed == null ? null : LocalDate.parse(completed));
  }

  static void assertMoney(String expected, BigDecimal actual) {
    assertEquals(0, $(expected).compareTo(actual), "expected " + expected + " but was " + actual);
  }

  static void assertRatio(String expected, BigDecimal actual) {
    assertEquals($(expected), actual.setScale(4, RoundingMode.HALF_EVEN));
  }

  /**
   * The classic status-date example: BAC $100,000; by the status date $50,000 of work was planned
   * (PV), $40,000 of work is done (EV) and $45,000 was spent (AC). Then SV = −10,000, CV = −5,000,
   * SPI = 0.80, CPI = 0.889, EAC = BAC / CPI = 112,500, ETC = 67,500, VAC = −12,500 and TCPI =
   * 60,000 / 55,000 = 1.091.
   */
  @Test
  void behindScheduleAndOverBudget() {
    List<EarnedValue.Milestone> milestones =
        List.of(
            m("2026-02-01", "20000", "2026-02-10"), // planned and done
            m("2026-03-15", "30000", null), // planned, not done
            m("2026-04-15", "20000", "2026-03-25"), // done early: earned, not yet planned
            m("2026-05-15", "30000", null));
    EarnedValue.Result r = EarnedValue.compute($("100000"), milestones, $("45000"), AS_OF);
    assertMoney("100000", r.bac());
    assertMoney("50000", r.pv());
    assertMoney("40000", r.ev());
    assertMoney("45000", r.ac());
    assertMoney("-10000", r.sv());
    assertMoney("-5000", r.cv());
    assertRatio("0.8000", r.spi());
    assertRatio("0.8889", r.cpi());
    assertMoney("112500", r.eac());
    assertMoney("67500", r.etc());
    assertMoney("-12500", r.vac());
    assertRatio("1.0909", r.tcpi());
    assertRatio("0.4000", r.percentComplete());
    assertRatio("0.4500", r.budgetBurn());
    assertTrue(r.undefined().isEmpty(), r.undefined().toString());
  }

  /**
   * The largest budget an amount may hold (15 integer digits and cents), spread evenly over three
   * milestones without a planned value: the shares add up to the budget to the cent once rounded
   * for display, and so does an EAC computed from such amounts.
   */
  @Test
  void theLargestAmountsKeepTheirCentsThroughSharesAndQuotients() {
    BigDecimal bac = $("123456789012345.67");
    List<EarnedValue.Milestone> milestones =
        List.of(
            m("2026-01-31", null, "2026-01-31"),
            m("2026-02-28", null, "2026-02-28"),
            m("2026-03-31", null, "2026-03-31"));
    EarnedValue.Result r = EarnedValue.compute(bac, milestones, $("100000000000000.01"), AS_OF);
    assertEquals(bac, r.pv().setScale(2, RoundingMode.HALF_EVEN));
    assertEquals(bac, r.ev().setScale(2, RoundingMode.HALF_EVEN));
    // EAC = BAC x AC / EV with EV = BAC: AC itself
    assertEquals($("100000000000000.01"), r.eac().setScale(2, RoundingMode.HALF_EVEN));
    BigDecimal nines = $("999999999999999.99");
    EarnedValue.Result all = EarnedValue.compute(nines, milestones, $("1"), AS_OF);
    assertEquals(nines, all.pv().setScale(2, RoundingMode.HALF_EVEN));
  }

  /**
   * Ahead of schedule and under budget: BAC 10,000, PV 4,000, EV 5,000, AC 4,500 gives SPI 1.25,
   * CPI 1.111, EAC 9,000, ETC 4,500, VAC +1,000, TCPI 5,000 / 5,500 = 0.909.
   */
  @Test
  void aheadOfScheduleAndUnderBudget() {
    List<EarnedValue.Milestone> milestones =
        List.of(
            m("2026-01-31", "4000", "2026-01-30"),
            m("2026-04-30", "1000", "2026-03-20"),
            m("2026-06-30", "5000", null));
    EarnedValue.Result r = EarnedValue.compute($("10000"), milestones, $("4500"), AS_OF);
    assertMoney("4000", r.pv());
    assertMoney("5000", r.ev());
    assertMoney("1000", r.sv());
    assertMoney("500", r.cv());
    assertRatio("1.2500", r.spi());
    assertRatio("1.1111", r.cpi());
    assertMoney("9000", r.eac());
    assertMoney("4500", r.etc());
    assertMoney("1000", r.vac());
    assertRatio("0.9091", r.tcpi());
  }

  /** Milestones without planned values share the budget evenly (DOMAIN.md). */
  @Test
  void theBudgetIsSpreadEvenlyOverMilestonesWithoutPlannedValue() {
    List<EarnedValue.Milestone> milestones =
        List.of(
            m("2026-01-15", null, "2026-01-20"),
            m("2026-03-01", null, null),
            m("2026-05-01", null, null),
            m("2026-07-01", null, null));
    EarnedValue.Result r = EarnedValue.compute($("200000"), milestones, $("60000"), AS_OF);
    assertMoney("100000", r.pv());
    assertMoney("50000", r.ev());
    assertRatio("0.5000", r.spi());
    assertRatio("0.8333", r.cpi());
    assertMoney("240000", r.eac());
    assertMoney("180000", r.etc());
    assertMoney("-40000", r.vac());
    assertRatio("1.0714", r.tcpi());
  }

  /** Valued milestones keep their values; the others share what the budget leaves. */
  @Test
  void unvaluedMilestonesShareWhatTheValuedOnesLeave() {
    var valued = m("2026-01-15", "40000", null);
    var a = m("2026-02-15", null, null);
    var b = m("2026-03-15", null, null);
    var c = m(null, null, null);
    var values = EarnedValue.Valuation.of($("100000"), List.of(valued, a, b, c));
    assertMoney("40000", values.worth(List.of(valued)));
    assertMoney("20000", values.worth(List.of(a)));
    assertMoney("20000", values.worth(List.of(c)));
    // a milestone without a planned date is never due, so it is not in PV
    assertMoney(
        "80000", EarnedValue.compute($("100000"), List.of(valued, a, b, c), $("1"), AS_OF).pv());
    // three unvalued milestones share 100 as 33.33…, exactly enough that they add up again
    var thirds =
        List.of(
            m("2026-01-01", null, null), m("2026-01-02", null, null), m("2026-01-03", null, null));
    BigDecimal pv = EarnedValue.compute($("100"), thirds, $("0"), AS_OF).pv();
    assertEquals($("100.00"), pv.setScale(2, RoundingMode.HALF_EVEN));
  }

  /**
   * Three completed milestones sharing a budget of 100,000 have earned 100,000, not three rounded
   * thirds of it: against 125,000 spent the CPI is 0.8 exactly, on the AMBER side of DOMAIN.md's
   * threshold, and must not come out as 0.7999…9 (which rated the project RED).
   */
  @Test
  void sharesOfTheBudgetAddUpExactly() {
    var thirds =
        List.of(
            m("2026-01-15", null, "2026-01-15"),
            m("2026-02-15", null, "2026-02-15"),
            m("2026-03-15", null, "2026-03-15"));
    EarnedValue.Result r = EarnedValue.compute($("100000"), thirds, $("125000"), AS_OF);
    assertEquals(0, $("100000").compareTo(r.ev()), "EV was " + r.ev());
    assertEquals(0, $("100000").compareTo(r.pv()), "PV was " + r.pv());
    assertEquals(0, $("0.8").compareTo(r.cpi()), "CPI was " + r.cpi());
    assertEquals(0, $("1").compareTo(r.percentComplete()));
    // two of three: exactly two thirds, whatever the rounding of one third
    EarnedValue.Result twoDone =
        EarnedValue.compute(
            $("90"),
            List.of(
                m("2026-01-15", null, "2026-01-15"),
                m("2026-02-15", null, "2026-02-15"),
                m("2026-12-15", null, null)),
            $("60"),
            AS_OF);
    assertEquals(0, $("60").compareTo(twoDone.ev()), "EV was " + twoDone.ev());
    assertEquals(0, BigDecimal.ONE.compareTo(twoDone.cpi()));
  }

  /**
   * A third of the budget earned against two thirds planned is an SPI of 0.5 exactly; from the
   * rounded thirds it came out 0.4999…9, which reads 0.4999 rounded down for display.
   */
  @Test
  void indexesOfEvenSharesAreExact() {
    var thirds =
        List.of(
            m("2026-03-01", null, "2026-03-01"),
            m("2026-06-01", null, null),
            m("2026-09-01", null, null));
    EarnedValue.Result r = EarnedValue.compute($("100"), thirds, $("50"), LocalDate.of(2026, 7, 1));
    assertEquals(0, $("0.5").compareTo(r.spi()), "SPI was " + r.spi());
    assertEquals($("66.67"), r.pv().setScale(2, RoundingMode.HALF_EVEN));
    assertEquals($("33.33"), r.ev().setScale(2, RoundingMode.HALF_EVEN));
    assertEquals($("-33.33"), r.sv().setScale(2, RoundingMode.HALF_EVEN));
    // EAC = BAC x AC / EV = 100 x 50 / (100 / 3) = 150, and TCPI = (100 − 100/3) / 50 = 4/3
    assertEquals(0, $("150").compareTo(r.eac()), "EAC was " + r.eac());
    assertEquals(0, $("-50").compareTo(r.vac()), "VAC was " + r.vac());
    assertRatio("1.3333", r.tcpi());
    // a third valued at 40 and two shares of the 60 left: 40 + 30 over 40 + 30 + 30
    EarnedValue.Result mixed =
        EarnedValue.compute(
            $("100"),
            List.of(
                m("2026-03-01", "40", "2026-03-01"),
                m("2026-03-02", null, "2026-03-02"),
                m("2026-06-01", null, null)),
            $("70"),
            LocalDate.of(2026, 7, 1));
    assertEquals(0, $("0.7").compareTo(mixed.spi()), "SPI was " + mixed.spi());
    assertEquals(0, BigDecimal.ONE.compareTo(mixed.cpi()), "CPI was " + mixed.cpi());
  }

  /**
   * A budget without milestones has no planned work to spread over (BAC / 0): PV, EV and all that
   * depends on them are undefined, not 0 (a CPI of 0 rated the spending RED); the budget burn is
   * still AC / BAC. Milestones none of which is completed have earned 0: CPI 0.
   */
  @Test
  void withoutMilestonesABudgetHasNoWorkToValue() {
    EarnedValue.Result r = EarnedValue.compute($("50000"), List.of(), $("15000"), AS_OF);
    assertMoney("50000", r.bac());
    assertMoney("15000", r.ac());
    assertNull(r.pv());
    assertNull(r.ev());
    assertNull(r.sv());
    assertNull(r.cv());
    assertNull(r.spi());
    assertNull(r.cpi());
    assertNull(r.eac());
    assertNull(r.etc());
    assertNull(r.vac());
    assertNull(r.tcpi());
    assertNull(r.percentComplete());
    assertRatio("0.3000", r.budgetBurn());
    assertTrue(r.undefined().get("cpi").startsWith("the project has no milestones"));
    assertEquals(r.undefined().get("cpi"), r.undefined().get("ev"));
    assertNull(r.undefined().get("budgetBurn"));

    EarnedValue.Result nothingDone =
        EarnedValue.compute($("50000"), List.of(m("2026-01-01", null, null)), $("15000"), AS_OF);
    assertMoney("0", nothingDone.ev());
    assertRatio("0.0000", nothingDone.cpi());
  }

  @Test
  void quotientsWithAZeroDivisorAreUndefinedWithAReasonNeverZero() {
    // nothing planned, nothing spent
    EarnedValue.Result r =
        EarnedValue.compute($("50000"), List.of(m("2026-12-01", "50000", null)), $("0"), AS_OF);
    assertMoney("0", r.pv());
    assertNull(r.spi());
    assertNull(r.cpi());
    assertNull(r.eac());
    assertNull(r.etc());
    assertNull(r.vac());
    assertTrue(r.undefined().get("spi").startsWith("PV is 0"), r.undefined().toString());
    assertTrue(r.undefined().get("cpi").startsWith("AC is 0"));
    assertTrue(r.undefined().get("eac").contains("CPI is undefined"));
    assertRatio("1.0000", r.tcpi());

    // money spent, nothing earned: CPI is 0 and EAC = BAC / 0 is undefined
    EarnedValue.Result spent =
        EarnedValue.compute($("50000"), List.of(m("2026-01-01", "50000", null)), $("10000"), AS_OF);
    assertRatio("0.0000", spent.cpi());
    assertNull(spent.eac());
    assertTrue(spent.undefined().get("eac").startsWith("CPI is 0"));

    // the whole budget spent: TCPI = (BAC − EV) / 0
    EarnedValue.Result exhausted =
        EarnedValue.compute(
            $("50000"), List.of(m("2026-01-01", "50000", "2026-02-01")), $("50000"), AS_OF);
    assertNull(exhausted.tcpi());
    assertTrue(exhausted.undefined().get("tcpi").contains("whole budget is spent"));
    assertRatio("1.0000", exhausted.cpi());

    // overspent: BAC − AC < 0 would make TCPI negative (BAC 100,000, EV 80,000, AC 120,000: −1),
    // a figure no efficiency can meet; it is undefined, as with the budget just spent
    EarnedValue.Result overspent =
        EarnedValue.compute(
            $("100000"),
            List.of(m("2026-01-01", "80000", "2026-01-15"), m("2026-12-01", "20000", null)),
            $("120000"),
            AS_OF);
    assertMoney("80000", overspent.ev());
    assertNull(overspent.tcpi());
    assertEquals(
        "AC exceeds BAC: the whole budget is spent and more, so no efficiency finishes the"
            + " remaining work within it",
        overspent.undefined().get("tcpi"));
    assertMoney("150000", overspent.eac());

    // no budget: what needs BAC is undefined; the rest is still computed
    EarnedValue.Result noBudget =
        EarnedValue.compute(
            null, List.of(m("2026-01-01", "8000", "2026-01-02")), $("10000"), AS_OF);
    assertMoney("8000", noBudget.ev());
    assertRatio("0.8000", noBudget.cpi());
    assertNull(noBudget.eac());
    assertNull(noBudget.tcpi());
    assertTrue(noBudget.undefined().get("vac").contains("no budget"));
  }

  /**
   * Without a budget, a milestone without a planned value of its own has nothing to earn: PV and EV
   * cannot be measured and are undefined with the reason, rather than 0, which made a project that
   * spends and completes its milestones read as "no work done" (a CPI of 0, a RED cost).
   */
  @Test
  void withoutABudgetUnvaluedMilestonesMakeEarnedValueUnmeasurable() {
    EarnedValue.Result r =
        EarnedValue.compute(
            null,
            List.of(m("2026-01-10", null, "2026-01-10"), m("2026-02-10", "5000", "2026-02-10")),
            $("8000"),
            AS_OF);
    assertNull(r.pv());
    assertNull(r.ev());
    assertNull(r.cv());
    assertNull(r.cpi());
    assertNull(r.spi());
    assertMoney("8000", r.ac());
    assertEquals(
        "the project has no budget (BAC) to value its 1 milestone without a planned value",
        r.undefined().get("cpi"));
    assertEquals(r.undefined().get("cpi"), r.undefined().get("ev"));
    // the burn needs the budget alone: its reason is the missing budget, not the milestones
    assertNull(r.budgetBurn());
    assertEquals("the project has no budget (BAC)", r.undefined().get("budgetBurn"));

    EarnedValue.Result none = EarnedValue.compute(null, List.of(), $("8000"), AS_OF);
    assertNull(none.cpi());
    assertTrue(none.undefined().get("cpi").contains("no milestones and no budget"));
  }
}
