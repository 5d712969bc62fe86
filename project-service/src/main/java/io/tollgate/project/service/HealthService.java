package io.tollgate.project.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.tollgate.project.config.HealthConfig;
import io.tollgate.project.mapping.ProjectMapper;
import io.tollgate.project.messaging.HealthChangedData;
import io.tollgate.project.messaging.ProjectEvents;
import io.tollgate.project.model.HealthRating;
import io.tollgate.project.model.Kpi;
import io.tollgate.project.model.MilestoneRef;
import io.tollgate.project.model.Project;
import io.tollgate.project.model.ProjectHealth;
import io.tollgate.project.model.RiskRef;
import io.tollgate.project.repository.CostEntryRepository;
import io.tollgate.project.repository.KpiRepository;
import io.tollgate.project.repository.MilestoneRefRepository;
import io.tollgate.project.repository.ProjectHealthRepository;
import io.tollgate.project.repository.ProjectRepository;
import io.tollgate.project.repository.RiskRefRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A project's figures and health as of a date, from its read models of milestones and risks, its
 * ledger and its KPIs; and the announcement of a changed rating as {@code
 * tollgate.project.health-changed.v1}.
 */
@ApplicationScoped
public class HealthService {

  private final ProjectRepository projects;
  private final MilestoneRefRepository milestones;
  private final RiskRefRepository risks;
  private final CostEntryRepository costs;
  private final KpiRepository kpis;
  private final KpiStatuses kpiStatuses;
  private final ProjectHealthRepository announced;
  private final ProjectEvents events;
  private final HealthRules.Thresholds thresholds;
  private final ObjectMapper mapper;

  HealthService(
      ProjectRepository projects,
      MilestoneRefRepository milestones,
      RiskRefRepository risks,
      CostEntryRepository costs,
      KpiRepository kpis,
      KpiStatuses kpiStatuses,
      ProjectHealthRepository announced,
      ProjectEvents events,
      HealthConfig config,
      ObjectMapper mapper) {
    this.projects = projects;
    this.milestones = milestones;
    this.risks = risks;
    this.costs = costs;
    this.kpis = kpis;
    this.kpiStatuses = kpiStatuses;
    this.announced = announced;
    this.events = events;
    this.mapper = mapper;
    this.thresholds =
        new HealthRules.Thresholds(
            config.cpiRedBelow(),
            config.cpiAmberBelow(),
            config.riskRedLevels(),
            config.riskAmberLevels(),
            config.kpiMissesForAmber());
  }

  /**
   * Made at start, so that health thresholds that make no sense stop the service with the setting
   * named, instead of failing its first health request.
   */
  void checkThresholds(@Observes StartupEvent start) {
    // the constructor has checked them
  }

  /**
   * What a project looks like as of a date.
   *
   * @param currency the project's currency, null while it has no money recorded
   */
  public record Figures(
      Project project,
      String currency,
      EarnedValue.Result earnedValue,
      List<RiskRef> openRisks,
      HealthRules.Assessment health) {}

  public Figures figures(Project p, LocalDate asOf) {
    return figures(List.of(p), asOf).get(p.id);
  }

  /** The figures of many projects, with a handful of queries whatever their number. */
  public Map<UUID, Figures> figures(List<Project> of, LocalDate asOf) {
    List<UUID> ids = of.stream().map(p -> p.id).toList();
    Map<UUID, List<MilestoneRef>> milestonesOf =
        byProject(milestones.ofProjects(ids), m -> m.projectId);
    Map<UUID, List<RiskRef>> risksOf = byProject(risks.openOfProjects(ids), r -> r.projectId);
    Map<UUID, BigDecimal> actualCosts = costs.actualCosts(ids, asOf);
    Map<UUID, String> costCurrencies = costs.currencies(ids);
    Map<UUID, List<Kpi>> kpisOf = byProject(kpis.allOf(ids), k -> k.projectId);
    Map<Kpi, Kpis.Status> statuses =
        kpiStatuses.of(kpisOf.values().stream().flatMap(List::stream).toList(), asOf);
    Map<UUID, HealthRules.Assessment> finalRatings = finalRatings(of, asOf);
    Map<UUID, Figures> figures = new LinkedHashMap<>();
    for (Project p : of) {
      List<MilestoneRef> refs = milestonesOf.getOrDefault(p.id, List.of());
      List<RiskRef> open = risksOf.getOrDefault(p.id, List.of());
      String currency = p.hasBudget() ? p.budgetCurrency : costCurrencies.get(p.id);
      EarnedValue.Result ev =
          EarnedValue.compute(
              p.budgetAmount,
              AnalyticsService.evMilestones(refs),
              actualCosts.getOrDefault(p.id, BigDecimal.ZERO),
              asOf);
      HealthRules.Assessment health =
          finalRatings.containsKey(p.id)
              ? finalRatings.get(p.id)
              : HealthRules.assess(
                  // open as of then: one completed since was still open
                  refs.stream()
                      .filter(m -> !m.completedBy(asOf))
                      .map(HealthService::milestone)
                      .toList(),
                  open.stream().map(r -> new HealthRules.Risk(r.riskId, r.title, r.level)).toList(),
                  new HealthRules.Cost(ev.cpi(), ev.eac(), ev.bac(), currency),
                  kpisOf.getOrDefault(p.id, List.of()).stream()
                      .map(k -> kpi(k, statuses.get(k)))
                      .toList(),
                  thresholds,
                  asOf);
      figures.put(p.id, new Figures(p, currency, ev, open, health));
    }
    return figures;
  }

  /**
   * The ratings of the projects among {@code of} that have ended (CLOSED or CANCELLED) or are
   * archived, as of a day on or after they did: no longer rated, their health is the one recorded
   * as they ended ({@link #reassess} runs on the transition and on archiving, and not after it),
   * not a rating that keeps worsening as their open milestones' dates pass. Before that day, and
   * for a project with no rating recorded, they are assessed as any other.
   */
  private Map<UUID, HealthRules.Assessment> finalRatings(List<Project> of, LocalDate asOf) {
    List<UUID> ended =
        of.stream().filter(p -> p.archived || p.phase.isTerminal()).map(p -> p.id).toList();
    if (ended.isEmpty()) {
      return Map.of();
    }
    Map<UUID, HealthRules.Assessment> ratings = new LinkedHashMap<>();
    for (ProjectHealth last : announced.list("projectId in ?1", ended)) {
      if (!asOf.isBefore(last.evaluatedAt.atZoneSameInstant(ZoneOffset.UTC).toLocalDate())) {
        ratings.put(last.projectId, new HealthRules.Assessment(last.rating, reasons(last.reasons)));
      }
    }
    return ratings;
  }

  private List<HealthRules.Reason> reasons(String json) {
    try {
      return mapper.readValue(json, new TypeReference<List<HealthRules.Reason>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the recorded health reasons cannot be read", e);
    }
  }

  /**
   * Re-evaluates a project's health as of today and, when the rating is not the one last announced,
   * records it and publishes {@code tollgate.project.health-changed.v1} in the caller's
   * transaction. Archived, closed and cancelled projects are left as they were.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void reassess(UUID projectId) {
    Project p = projects.lock(projectId).orElse(null);
    if (p == null || p.archived || p.phase.isTerminal()) {
      return;
    }
    HealthRules.Assessment now = figures(p, AnalyticsService.today()).health();
    ProjectHealth last = announced.findById(p.id);
    OffsetDateTime at = Times.now();
    // a project starts out GREEN; a different rating is announced, and so are different reasons
    // behind the same one (another dimension, or other milestones, risks or KPIs): a reader who
    // shows them would otherwise keep one that no longer holds. A reason's wording alone (a day
    // later, "7 days late" instead of "6") is not a change.
    HealthRating previous = last == null ? HealthRating.GREEN : last.rating;
    boolean ratingChanged = now.rating() != previous;
    boolean changed =
        ratingChanged || !grounds(now.reasons()).equals(last == null ? Set.of() : grounds(last));
    if (last == null) {
      last = new ProjectHealth();
      last.projectId = p.id;
      last.changedAt = at;
    }
    last.rating = now.rating();
    last.reasons = json(now.reasons());
    last.evaluatedAt = at;
    if (ratingChanged) {
      last.changedAt = at;
    }
    if (!announced.isPersistent(last)) {
      announced.persist(last);
    }
    if (!changed) {
      return;
    }
    events.healthChanged(
        p,
        new HealthChangedData(
            ProjectMapper.toEvent(p, null),
            previous.name(),
            now.rating().name(),
            now.reasons().stream()
                .map(
                    r ->
                        new HealthChangedData.Reason(
                            r.dimension().name(), r.rating().name(), r.message(), r.relatedIds()))
                .toList(),
            at));
  }

  private static HealthRules.Milestone milestone(MilestoneRef m) {
    return new HealthRules.Milestone(
        m.milestoneId,
        m.name,
        m.kind,
        m.status,
        m.zone,
        m.plannedDate,
        m.bufferDays == null ? 0 : m.bufferDays,
        m.forecastDate);
  }

  private static HealthRules.Kpi kpi(Kpi k, Kpis.Status s) {
    return new HealthRules.Kpi(
        k.id,
        k.name,
        k.unit,
        k.target,
        s.latest() == null ? null : s.latest().value(),
        s.consecutiveMisses());
  }

  private static <T> Map<UUID, List<T>> byProject(
      Collection<T> items, java.util.function.Function<T, UUID> project) {
    return items.stream().collect(Collectors.groupingBy(project));
  }

  /** What a rating rests on: each reason's dimension, rating and the things it is about. */
  private static Set<List<Object>> grounds(List<HealthRules.Reason> reasons) {
    Set<List<Object>> grounds = new HashSet<>();
    for (HealthRules.Reason r : reasons) {
      grounds.add(
          List.of(
              r.dimension().name(), r.rating().name(), new TreeSet<>(r.relatedIds()).toString()));
    }
    return grounds;
  }

  /** The grounds of the reasons last recorded (stored as JSON). */
  private Set<List<Object>> grounds(ProjectHealth last) {
    Set<List<Object>> grounds = new HashSet<>();
    try {
      for (JsonNode r : mapper.readTree(last.reasons)) {
        TreeSet<UUID> related = new TreeSet<>();
        r.path("relatedIds").forEach(id -> related.add(UUID.fromString(id.asText())));
        grounds.add(
            List.of(r.path("dimension").asText(), r.path("rating").asText(), related.toString()));
      }
    } catch (JsonProcessingException | IllegalArgumentException e) {
      // unreadable: taken as different, so the current reasons are announced
      return Set.of();
    }
    return grounds;
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
