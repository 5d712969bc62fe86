package io.tollgate.project.service;

import io.tollgate.project.config.PortfolioConfig;
import io.tollgate.project.model.HealthRating;
import io.tollgate.project.model.Project;
import io.tollgate.project.repository.ProjectRepository;
import io.tollgate.rest.Page;
import io.tollgate.rest.PageRequest;
import io.tollgate.rest.ProblemException;
import io.tollgate.rest.QueryValues;
import io.tollgate.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Every project the caller may see, with its phase, health and key figures as of today: ADMIN and
 * PMO see all of them, everyone else the projects they are a stakeholder of.
 */
@ApplicationScoped
public class PortfolioService {

  /** What the portfolio can be sorted by. */
  public enum SortKey {
    KEY,
    NAME,
    PHASE,
    HEALTH,
    SPI,
    CPI,
    BUDGET_BURN,
    OPEN_RISKS
  }

  /** A sort key and its direction, from {@code key}, {@code -cpi}, {@code budgetBurn}, …. */
  public record Sorting(SortKey key, boolean descending) {

    public static Sorting parse(String value) {
      QueryValues.Sorting<SortKey> sorting = QueryValues.sorting(SortKey.class, value, SortKey.KEY);
      return new Sorting(sorting.key(), sorting.descending());
    }
  }

  private final ProjectRepository projects;
  private final HealthService health;
  private final Caller caller;
  private final PortfolioConfig config;

  PortfolioService(
      ProjectRepository projects, HealthService health, Caller caller, PortfolioConfig config) {
    this.projects = projects;
    this.health = health;
    this.caller = caller;
    this.config = config;
  }

  public Page<HealthService.Figures> portfolio(
      ProjectRepository.Filter filter,
      Set<HealthRating> ratings,
      Sorting sorting,
      PageRequest page) {
    ProjectRepository.Scope member = ProjectService.visibleTo(caller);
    LocalDate today = AnalyticsService.today();
    boolean anyRating = ratings == null || ratings.isEmpty();
    if (anyRating && sorting.key() == SortKey.KEY) {
      // the database pages by key: only the page's projects need their figures
      Page<Project> found =
          projects.search(filter, page, member, ProjectRepository.Order.KEY, sorting.descending());
      Map<UUID, HealthService.Figures> figures = health.figures(found.items(), today);
      return found.map(p -> figures.get(p.id));
    }
    long matching = projects.count(filter, member);
    if (matching > config.computedLimit()) {
      throw ProblemException.invalid(
          anyRating ? "sort" : "health",
          "needs the figures of every matching project: "
              + matching
              + " match, at most "
              + config.computedLimit()
              + " can be computed at once; narrow them with phase, methodology or text,"
              + " or sort by key without a health filter");
    }
    List<HealthService.Figures> figures =
        health.figures(projects.matching(filter, member), today).values().stream()
            .filter(f -> anyRating || ratings.contains(f.health().rating()))
            .sorted(comparator(sorting))
            .toList();
    int from = Math.min(page.offset(), figures.size());
    int to = Math.min(from + page.size(), figures.size());
    return Page.of(figures.subList(from, to), page, figures.size());
  }

  /** The chosen order; undefined values (SPI, CPI, burn) last either way; ties by key. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Comparator<HealthService.Figures> comparator(Sorting sorting) {
    Function<HealthService.Figures, Comparable> value =
        switch (sorting.key()) {
          case KEY -> f -> f.project().key;
          case NAME -> f -> f.project().name.toLowerCase(Locale.ROOT);
          case PHASE -> f -> f.project().phase;
          case HEALTH -> f -> f.health().rating();
          case SPI -> f -> f.earnedValue().spi();
          case CPI -> f -> f.earnedValue().cpi();
          case BUDGET_BURN -> f -> f.earnedValue().budgetBurn();
          case OPEN_RISKS -> f -> f.openRisks().size();
        };
    Comparator<Comparable> direction =
        sorting.descending() ? Comparator.reverseOrder() : Comparator.naturalOrder();
    return Comparator.comparing(value, Comparator.nullsLast(direction))
        .thenComparing(f -> f.project().key);
  }
}
