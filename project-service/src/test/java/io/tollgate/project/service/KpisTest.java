package io.tollgate.project.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.project.model.KpiDirection;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KpisTest {

  static List<Kpis.Measurement> values(String... values) {
    List<Kpis.Measurement> list = new ArrayList<>();
    LocalDate day = LocalDate.of(2026, 1, 1);
    for (String v : values) {
      list.add(new Kpis.Measurement(day, new BigDecimal(v)));
      day = day.plusMonths(1);
    }
    return list;
  }

  @Test
  void higherIsBetterMeetsAtOrAboveTheTarget() {
    BigDecimal target = new BigDecimal("99.9");
    Kpis.Status s = Kpis.evaluate(KpiDirection.HIGHER_IS_BETTER, target, values("99.5", "99.90"));
    assertTrue(s.meetsTarget());
    assertEquals(Kpis.Trend.IMPROVING, s.trend());
    assertEquals(new BigDecimal("99.90"), s.latest().value());
    assertFalse(s.missedLastTwo());
    assertEquals(2, s.measurements());
  }

  @Test
  void lowerIsBetterMeetsAtOrBelowAndFallingIsImproving() {
    BigDecimal target = new BigDecimal("50");
    Kpis.Status s = Kpis.evaluate(KpiDirection.LOWER_IS_BETTER, target, values("80", "65"));
    assertFalse(s.meetsTarget());
    assertEquals(Kpis.Trend.IMPROVING, s.trend());
    assertTrue(s.missedLastTwo(), "both 80 and 65 are above the target of 50 tickets");
    Kpis.Status steady = Kpis.evaluate(KpiDirection.LOWER_IS_BETTER, target, values("40", "40.0"));
    assertEquals(Kpis.Trend.STEADY, steady.trend());
    assertTrue(steady.meetsTarget());
  }

  @Test
  void onlyTheLastTwoMeasurementsDecideAMissedTarget() {
    BigDecimal target = new BigDecimal("1000");
    Kpis.Status recovered =
        Kpis.evaluate(KpiDirection.HIGHER_IS_BETTER, target, values("700", "800", "1200"));
    assertFalse(recovered.missedLastTwo());
    assertTrue(recovered.meetsTarget());
    Kpis.Status slipping =
        Kpis.evaluate(KpiDirection.HIGHER_IS_BETTER, target, values("1200", "900", "850"));
    assertTrue(slipping.missedLastTwo());
    assertEquals(Kpis.Trend.WORSENING, slipping.trend());
    Kpis.Status once = Kpis.evaluate(KpiDirection.HIGHER_IS_BETTER, target, values("10"));
    assertFalse(once.missedLastTwo(), "one miss is not two");
    assertNull(once.trend());
  }

  @Test
  void withoutMeasurementsNothingIsKnown() {
    Kpis.Status s = Kpis.evaluate(KpiDirection.HIGHER_IS_BETTER, BigDecimal.ONE, List.of());
    assertNull(s.latest());
    assertNull(s.meetsTarget());
    assertNull(s.trend());
    assertFalse(s.missedLastTwo());
  }
}
