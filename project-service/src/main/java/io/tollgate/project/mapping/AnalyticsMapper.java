package io.tollgate.project.mapping;

import io.tollgate.project.model.CostCategory;
import io.tollgate.project.rest.AnalyticsView;
import io.tollgate.project.rest.Money;
import io.tollgate.project.service.AnalyticsService;
import io.tollgate.project.service.BusinessCase;
import io.tollgate.project.service.EarnedValue;
import java.util.EnumMap;
import java.util.Map;

public final class AnalyticsMapper {

  private AnalyticsMapper() {}

  public static AnalyticsView toView(AnalyticsService.Analytics a) {
    String currency = a.currency();
    Map<CostCategory, Money> byCategory = new EnumMap<>(CostCategory.class);
    a.costByCategory()
        .forEach((category, amount) -> byCategory.put(category, Amounts.money(amount, currency)));
    return new AnalyticsView(
        a.project().id,
        a.asOf(),
        currency,
        Amounts.money(a.project().budgetAmount, currency),
        Amounts.money(a.actualCost(), currency),
        byCategory,
        toView(a.earnedValue(), currency, a.milestones()),
        toView(a.businessCase(), currency),
        a.kpis().entrySet().stream()
            .map(e -> KpiMapper.toStatus(e.getKey(), e.getValue()))
            .toList(),
        HealthMapper.toView(a.health(), a.asOf()));
  }

  public static AnalyticsView.EarnedValueView toView(
      EarnedValue.Result r, String currency, int milestones) {
    return new AnalyticsView.EarnedValueView(
        Amounts.money(r.bac(), currency),
        Amounts.money(r.pv(), currency),
        Amounts.money(r.ev(), currency),
        Amounts.money(r.ac(), currency),
        Amounts.money(r.sv(), currency),
        Amounts.money(r.cv(), currency),
        Amounts.index(r.spi()),
        Amounts.index(r.cpi()),
        Amounts.money(r.eac(), currency),
        Amounts.money(r.etc(), currency),
        Amounts.money(r.vac(), currency),
        Amounts.ratio(r.tcpi()),
        Amounts.ratio(r.percentComplete()),
        Amounts.ratio(r.budgetBurn()),
        milestones,
        r.undefined());
  }

  public static AnalyticsView.BusinessCaseView toView(BusinessCase.Result r, String currency) {
    return new AnalyticsView.BusinessCaseView(
        r.horizonEnd(),
        Amounts.money(r.totalCosts(), currency),
        Amounts.money(r.totalBenefits(), currency),
        Amounts.money(r.netBenefit(), currency),
        Amounts.ratio(r.roi()),
        r.paybackDate(),
        r.paybackPeriod() == null ? null : r.paybackPeriod().toString(),
        r.undefined());
  }
}
