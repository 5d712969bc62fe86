package io.tollgate.project.mapping;

import io.tollgate.project.model.RiskRef;
import io.tollgate.project.rest.HealthView;
import io.tollgate.project.rest.PortfolioItemView;
import io.tollgate.project.service.HealthRules;
import io.tollgate.project.service.HealthService;
import java.time.LocalDate;
import java.util.List;

public final class HealthMapper {

  private HealthMapper() {}

  public static HealthView toView(HealthRules.Assessment a, LocalDate asOf) {
    return new HealthView(
        a.rating(), asOf, a.reasons().stream().map(HealthMapper::toView).toList());
  }

  static HealthView.Reason toView(HealthRules.Reason r) {
    return new HealthView.Reason(r.dimension(), r.rating(), r.message(), r.relatedIds());
  }

  public static PortfolioItemView toItem(HealthService.Figures f) {
    var p = f.project();
    var ev = f.earnedValue();
    return new PortfolioItemView(
        p.id,
        p.key,
        p.name,
        p.methodology,
        p.phase,
        f.health().rating(),
        f.health().reasons().stream().map(HealthRules.Reason::message).toList(),
        f.health().reasons().stream().map(HealthMapper::toView).toList(),
        Amounts.index(ev.spi()),
        Amounts.index(ev.cpi()),
        Amounts.money(p.budgetAmount, f.currency()),
        Amounts.money(ev.ac(), f.currency()),
        Amounts.ratio(ev.budgetBurn()),
        openRisks(f.openRisks()));
  }

  static PortfolioItemView.OpenRisks openRisks(List<RiskRef> open) {
    int critical = 0;
    int high = 0;
    int medium = 0;
    int low = 0;
    for (RiskRef r : open) {
      switch (r.level) {
        case "CRITICAL" -> critical++;
        case "HIGH" -> high++;
        case "MEDIUM" -> medium++;
        case "LOW" -> low++;
        default -> {
          // a level added later by risk-service still counts in the total
        }
      }
    }
    return new PortfolioItemView.OpenRisks(critical, high, medium, low, open.size());
  }
}
