package io.tollgate.project.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.project.model.Recurrence;
import io.tollgate.project.service.BusinessCase.Benefit;
import io.tollgate.project.service.BusinessCase.Flow;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ROI and payback on textbook examples. */
class BusinessCaseTest {

  static BigDecimal $(String amount) {
    return new BigDecimal(amount);
  }

  static LocalDate d(String date) {
    return LocalDate.parse(date);
  }

  /**
   * The textbook payback example: invest 100,000 once, gain 25,000 a year: the investment is paid
   * back after 4 years. Over a 5-year horizon the benefits are 125,000, so ROI = 25,000 / 100,000 =
   * 25 %.
   */
  @Test
  void equalYearlyInflowsPayBackAfterFourYears() {
    BusinessCase.Result r =
        BusinessCase.compute(
            List.of(new Flow(d("2026-01-01"), $("100000"))),
            List.of(new Benefit($("25000"), d("2027-01-01"), Recurrence.YEARLY, null)),
            d("2031-12-31"));
    assertEquals(0, $("100000").compareTo(r.totalCosts()));
    assertEquals(0, $("125000").compareTo(r.totalBenefits()));
    assertEquals(0, $("25000").compareTo(r.netBenefit()));
    assertEquals($("0.2500"), r.roi().setScale(4, RoundingMode.HALF_EVEN));
    assertEquals(d("2030-01-01"), r.paybackDate());
    assertEquals(Period.ofYears(4), r.paybackPeriod());
    assertTrue(r.undefined().isEmpty(), r.undefined().toString());
  }

  /**
   * Costs spread over a build phase, monthly benefits after go-live and a one-off saving: costs
   * 30,000 + 20,000 + 10,000 = 60,000; a one-off 15,000 on go-live and 5,000 a month from then on
   * reach 60,000 with the ninth monthly benefit.
   */
  @Test
  void unevenFlowsPayBackOnTheFirstDayCumulativeBenefitsReachCosts() {
    BusinessCase.Result r =
        BusinessCase.compute(
            List.of(
                new Flow(d("2026-01-15"), $("30000")),
                new Flow(d("2026-02-15"), $("20000")),
                new Flow(d("2026-03-15"), $("10000"))),
            List.of(
                new Benefit($("15000"), d("2026-04-01"), Recurrence.ONE_OFF, null),
                new Benefit($("5000"), d("2026-04-01"), Recurrence.MONTHLY, d("2026-12-31"))),
            d("2027-12-31"));
    // 15,000 + 9 x 5,000 = 60,000 on the ninth monthly benefit (1 Apr + 8 months)
    assertEquals(d("2026-12-01"), r.paybackDate());
    assertEquals(Period.of(0, 10, 16), r.paybackPeriod());
    // benefits stop after December: 15,000 + 9 x 5,000 = 60,000: ROI 0
    assertEquals(0, BigDecimal.ZERO.compareTo(r.roi()));
  }

  @Test
  void monthlyBenefitsFromAMonthEndDoNotDrift() {
    List<Flow> flows =
        BusinessCase.flows(
            new Benefit($("1"), d("2026-01-31"), Recurrence.MONTHLY, null), d("2026-05-31"));
    assertEquals(
        List.of(
            d("2026-01-31"), d("2026-02-28"), d("2026-03-31"), d("2026-04-30"), d("2026-05-31")),
        flows.stream().map(Flow::date).toList());
    assertEquals(
        2,
        BusinessCase.flows(
                new Benefit($("1"), d("2026-01-01"), Recurrence.QUARTERLY, d("2026-06-30")),
                d("2030-01-01"))
            .size());
    assertEquals(
        List.of(),
        BusinessCase.flows(
            new Benefit($("1"), d("2031-01-01"), Recurrence.ONE_OFF, null), d("2030-12-31")));
  }

  /** The bound the API checks before listing occurrences is never below what is listed. */
  @Test
  void theOccurrenceBoundCoversWhatIsListed() {
    LocalDate horizon = d("2031-12-31");
    for (Recurrence r : Recurrence.values()) {
      for (String start : List.of("2026-01-31", "2026-02-28", "2026-12-31", "2031-12-31")) {
        for (String end : java.util.Arrays.asList(null, "2027-02-28", "2040-01-01")) {
          Benefit b = new Benefit($("1"), d(start), r, end == null ? null : d(end));
          long listed = BusinessCase.flows(b, horizon).size();
          long bound = BusinessCase.occurrences(List.of(b), horizon);
          assertTrue(
              bound >= listed && bound <= listed + 2,
              r + " from " + start + " to " + end + ": bound " + bound + ", listed " + listed);
        }
      }
    }
    Benefit ancient = new Benefit($("1"), d("1000-01-01"), Recurrence.MONTHLY, null);
    assertTrue(
        BusinessCase.occurrences(List.of(ancient), d("9999-12-31")) > BusinessCase.MAX_OCCURRENCES);
  }

  @Test
  void withoutCostsThereIsNoRoiAndNeverPayingBackIsSaid() {
    BusinessCase.Result none =
        BusinessCase.compute(
            List.of(),
            List.of(new Benefit($("10"), d("2026-01-01"), Recurrence.ONE_OFF, null)),
            d("2027-01-01"));
    assertNull(none.roi());
    assertNull(none.paybackDate());
    assertTrue(none.undefined().get("roi").startsWith("no cost"));

    BusinessCase.Result never =
        BusinessCase.compute(
            List.of(new Flow(d("2026-01-01"), $("1000"))),
            List.of(new Benefit($("100"), d("2026-06-01"), Recurrence.YEARLY, null)),
            d("2028-12-31"));
    assertEquals($("-0.7000"), never.roi().setScale(4, RoundingMode.HALF_EVEN));
    assertNull(never.paybackDate());
    assertTrue(never.undefined().get("paybackDate").contains("stay below"));
    // a cost after the horizon is outside the business case
    BusinessCase.Result later =
        BusinessCase.compute(
            List.of(new Flow(d("2026-01-01"), $("100")), new Flow(d("2030-01-01"), $("900"))),
            List.of(new Benefit($("150"), d("2026-02-01"), Recurrence.ONE_OFF, null)),
            d("2026-12-31"));
    assertEquals(0, $("100").compareTo(later.totalCosts()));
    assertEquals(d("2026-02-01"), later.paybackDate());
  }
}
