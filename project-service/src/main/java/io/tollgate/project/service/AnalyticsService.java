package io.tollgate.project.service;

import io.tollgate.project.model.Benefit;
import io.tollgate.project.model.CostCategory;
import io.tollgate.project.model.CostEntry;
import io.tollgate.project.model.Kpi;
import io.tollgate.project.model.MilestoneRef;
import io.tollgate.project.model.Project;
import io.tollgate.project.repository.BenefitRepository;
import io.tollgate.project.repository.CostEntryRepository;
import io.tollgate.project.repository.MilestoneRefRepository;
import io.tollgate.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A project's numbers as of a date: cost, earned value, business case. */
@ApplicationScoped
public class AnalyticsService {

  /** How far the business case looks when the client names no horizon: target date + 3 years. */
  public static final int DEFAULT_HORIZON_YEARS = 3;

  /** The last date the API can write: its dates have four-digit years. */
  static final LocalDate LAST_DATE = LocalDate.of(9999, 12, 31);

  private final ProjectService projects;
  private final FinanceService finance;
  private final CostEntryRepository costs;
  private final BenefitRepository benefits;
  private final MilestoneRefRepository milestones;
  private final KpiService kpis;
  private final HealthService health;

  AnalyticsService(
      ProjectService projects,
      FinanceService finance,
      CostEntryRepository costs,
      BenefitRepository benefits,
      MilestoneRefRepository milestones,
      KpiService kpis,
      HealthService health) {
    this.kpis = kpis;
    this.health = health;
    this.projects = projects;
    this.finance = finance;
    this.costs = costs;
    this.benefits = benefits;
    this.milestones = milestones;
  }

  public record Analytics(
      Project project,
      LocalDate asOf,
      String currency,
      BigDecimal actualCost,
      Map<CostCategory, BigDecimal> costByCategory,
      EarnedValue.Result earnedValue,
      int milestones,
      BusinessCase.Result businessCase,
      Map<Kpi, Kpis.Status> kpis,
      HealthRules.Assessment health) {}

  /**
   * @param asOf the status date; today (UTC) when null
   * @param horizonEnd the end of the business case; the target date (else {@code asOf}) + 3 years
   *     when null
   */
  public Analytics analytics(UUID projectId, LocalDate asOf, LocalDate horizonEnd) {
    Project p = projects.get(projectId);
    LocalDate date = asOf == null ? today() : asOf;
    LocalDate horizon =
        horizonEnd != null
            ? horizonEnd
            : (p.targetDate != null && p.targetDate.isAfter(date) ? p.targetDate : date)
                .plusYears(DEFAULT_HORIZON_YEARS);
    if (horizon.isAfter(LAST_DATE)) {
      // a status date near the end of year 9999 would put the default horizon in year 10000 or
      // later, which no client's date type reads
      horizon = LAST_DATE;
    }
    List<CostEntry> ledger = costs.allOf(p.id);
    BigDecimal actual = BigDecimal.ZERO;
    Map<CostCategory, BigDecimal> byCategory = new EnumMap<>(CostCategory.class);
    for (CostEntry e : ledger) {
      if (!e.date.isAfter(date)) {
        actual = actual.add(e.amount);
        byCategory.merge(e.category, e.amount, BigDecimal::add);
      }
    }
    List<MilestoneRef> refs = milestones.ofProject(p.id);
    EarnedValue.Result ev = EarnedValue.compute(p.budgetAmount, evMilestones(refs), actual, date);
    List<BusinessCase.Benefit> expected =
        benefits.allOf(p.id).stream().map(AnalyticsService::benefit).toList();
    long occurrences = BusinessCase.occurrences(expected, horizon);
    if (occurrences > BusinessCase.MAX_OCCURRENCES) {
      String tooMany =
          "the business case up to "
              + horizon
              + " would count about "
              + occurrences
              + " benefit occurrences, more than "
              + BusinessCase.MAX_OCCURRENCES;
      // a default horizon follows asOf: name the parameter the client sent, not one it did not
      throw horizonEnd != null
          ? ProblemException.invalid("horizonEnd", tooMany + "; choose a nearer horizonEnd")
          : ProblemException.invalid(
              "asOf",
              tooMany
                  + " (the default horizon, "
                  + DEFAULT_HORIZON_YEARS
                  + " years past asOf or the target date); choose an earlier asOf or send a"
                  + " nearer horizonEnd");
    }
    BusinessCase.Result business =
        BusinessCase.compute(
            ledger.stream().map(e -> new BusinessCase.Flow(e.date, e.amount)).toList(),
            expected,
            horizon);
    return new Analytics(
        p,
        date,
        finance.currencyOf(p).orElse(null),
        actual,
        byCategory,
        ev,
        refs.size(),
        business,
        kpis.statuses(p.id, date),
        health.figures(p, date).health());
  }

  /** Earned value of a project as of a date, for health and the portfolio. */
  public EarnedValue.Result earnedValue(
      Project p, List<MilestoneRef> refs, BigDecimal actualCost, LocalDate asOf) {
    return EarnedValue.compute(p.budgetAmount, evMilestones(refs), actualCost, asOf);
  }

  static List<EarnedValue.Milestone> evMilestones(List<MilestoneRef> refs) {
    return refs.stream()
        .map(
            m ->
                new EarnedValue.Milestone(
                    m.milestoneId, m.plannedDate, m.plannedValue, m.completedOn()))
        .toList();
  }

  private static BusinessCase.Benefit benefit(Benefit b) {
    return new BusinessCase.Benefit(b.amount, b.startDate, b.recurrence, b.endDate);
  }

  public static LocalDate today() {
    return LocalDate.now(ZoneOffset.UTC);
  }
}
