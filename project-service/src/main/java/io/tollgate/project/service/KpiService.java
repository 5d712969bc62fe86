package io.tollgate.project.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.project.mapping.KpiMapper;
import io.tollgate.project.messaging.ProjectEvents;
import io.tollgate.project.model.Kpi;
import io.tollgate.project.model.KpiMeasurement;
import io.tollgate.project.model.Project;
import io.tollgate.project.repository.KpiMeasurementRepository;
import io.tollgate.project.repository.KpiRepository;
import io.tollgate.project.rest.KpiCreate;
import io.tollgate.project.rest.KpiPatch;
import io.tollgate.project.rest.KpiView;
import io.tollgate.project.rest.MeasurementCreate;
import io.tollgate.rest.MergePatch;
import io.tollgate.rest.Page;
import io.tollgate.rest.PageRequest;
import io.tollgate.rest.Preconditions;
import io.tollgate.rest.Problem;
import io.tollgate.rest.ProblemException;
import io.tollgate.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** KPIs, their measurements, and where each stands. */
@ApplicationScoped
public class KpiService {

  static final int MAX_INTEGER_DIGITS = 18;
  static final int MAX_DECIMALS = 6;

  /**
   * Digits a KPI value may have in all: a JSON number keeps this many exactly in every client,
   * JavaScript's included (its numbers are doubles).
   */
  static final int MAX_SIGNIFICANT_DIGITS = 15;

  /** The zone whose day starts first: a date after its today is in the future everywhere. */
  static final ZoneOffset EARLIEST_ZONE = ZoneOffset.ofHours(14);

  /**
   * The last day a measurement may be taken on: today where the day starts first. Where a KPI
   * stands now is judged as of this day, so that a measurement just taken counts at once wherever
   * its caller is, and the KPI's representation changes only with its version.
   */
  public static LocalDate latestDay() {
    return LocalDate.now(EARLIEST_ZONE);
  }

  private final ProjectService projects;
  private final KpiRepository kpis;
  private final KpiMeasurementRepository measurements;
  private final History history;
  private final MergePatch mergePatch;
  private final Caller caller;
  private final KpiStatuses statuses;
  private final HealthService health;
  private final ProjectEvents events;

  KpiService(
      ProjectService projects,
      KpiRepository kpis,
      KpiMeasurementRepository measurements,
      History history,
      MergePatch mergePatch,
      Caller caller,
      KpiStatuses statuses,
      HealthService health,
      ProjectEvents events) {
    this.statuses = statuses;
    this.health = health;
    this.events = events;
    this.projects = projects;
    this.kpis = kpis;
    this.measurements = measurements;
    this.history = history;
    this.mergePatch = mergePatch;
    this.caller = caller;
  }

  @Transactional
  public Kpi define(UUID projectId, KpiCreate request) {
    Project p = projects.lock(projectId);
    ProjectService.requireActive(p);
    request.requireRules();
    String name = request.name().strip();
    requireFreeName(p, name, null);
    OffsetDateTime now = Times.now();
    Kpi k = new Kpi();
    k.id = UUID.randomUUID();
    k.projectId = p.id;
    k.name = name;
    k.unit = request.unit().strip();
    k.target = request.target();
    k.direction = request.direction();
    k.description = request.description();
    k.createdAt = now;
    k.updatedAt = now;
    kpis.persistAndFlush(k);
    history.record(
        p.id,
        History.Action.KPI_DEFINED,
        History.Entity.KPI,
        k.id,
        null,
        KpiMapper.toView(k, null),
        null);
    events.kpiDefined(p, standing(k));
    health.reassess(p.id);
    return k;
  }

  public Page<Kpi> list(UUID projectId, PageRequest page) {
    projects.get(projectId);
    return kpis.ofProject(projectId, page);
  }

  public Kpi get(UUID projectId, UUID kpiId) {
    projects.get(projectId);
    return find(projectId, kpiId);
  }

  @Transactional
  public Kpi update(UUID projectId, UUID kpiId, String ifMatch, JsonNode patch) {
    Project p = projects.lock(projectId);
    Kpi k = find(projectId, kpiId);
    Preconditions.requireIfMatch(ifMatch, k.version);
    ProjectService.requireActive(p);
    KpiPatch before = KpiMapper.toPatchable(k);
    // a target stored under earlier rules stays editable around: only a new one is judged
    KpiPatch after =
        mergePatch
            .apply(
                before,
                patch,
                merged ->
                    merged.target() == null || merged.target().compareTo(before.target()) == 0
                        ? List.of()
                        : decimalProblems("target", merged.target()))
            .normalized();
    List<String> changed = changed(before, after);
    if (changed.isEmpty()) {
      return k;
    }
    String name = after.name().strip();
    requireFreeName(p, name, k.id);
    var old = KpiMapper.toView(k, null);
    k.name = name;
    k.unit = after.unit().strip();
    k.target = after.target();
    k.direction = after.direction();
    k.description = after.description();
    k.updatedAt = Times.now();
    kpis.flush();
    history.record(
        p.id,
        History.Action.KPI_CHANGED,
        History.Entity.KPI,
        k.id,
        old,
        KpiMapper.toView(k, null),
        null);
    events.kpiChanged(p, standing(k), changed);
    health.reassess(p.id);
    return k;
  }

  @Transactional
  public void remove(UUID projectId, UUID kpiId, String ifMatch) {
    Project p = projects.lock(projectId);
    Kpi k = find(projectId, kpiId);
    Preconditions.requireIfMatch(ifMatch, k.version);
    ProjectService.requireActive(p);
    var old = KpiMapper.toView(k, null);
    KpiView was = standing(k);
    measurements.deleteOf(k.id);
    kpis.delete(k);
    history.record(p.id, History.Action.KPI_REMOVED, History.Entity.KPI, k.id, old, null, null);
    events.kpiRemoved(p, was);
    health.reassess(p.id);
  }

  @Transactional
  public KpiMeasurement measure(UUID projectId, UUID kpiId, MeasurementCreate request) {
    Project p = projects.lock(projectId);
    Kpi k = find(projectId, kpiId);
    ProjectService.requireActive(p);
    request.requireRules();
    KpiMeasurement m = new KpiMeasurement();
    m.id = UUID.randomUUID();
    m.kpiId = k.id;
    m.projectId = p.id;
    m.measuredOn = request.measuredOn();
    m.value = request.value();
    m.note = request.note();
    m.recordedBy = caller.userId();
    m.recordedAt = Times.now();
    measurements.persistAndFlush(m);
    // the KPI's representation carries where it stands (latest value, trend, whether it meets its
    // target), so a new measurement is a new version of it: its ETag changes, a cached copy is not
    // revalidated as current, and a change sent against the old one is refused with 412
    kpis.getEntityManager().lock(k, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
    history.record(
        p.id,
        History.Action.KPI_MEASURED,
        History.Entity.KPI_MEASUREMENT,
        m.id,
        null,
        KpiMapper.toView(m, k),
        null);
    events.kpiMeasurement(p, standing(k), KpiMapper.toView(m, k), false);
    health.reassess(p.id);
    return m;
  }

  /**
   * Removes a measurement recorded in error (a value mistyped, a wrong day); the history keeps it.
   * The KPI's representation (latest value, trend, target met) changes with it, so {@code ifMatch}
   * names the KPI's version, which the removal raises, as a new measurement does.
   */
  @Transactional
  public void removeMeasurement(UUID projectId, UUID kpiId, UUID measurementId, String ifMatch) {
    Project p = projects.lock(projectId);
    KpiMeasurement m = measurement(projectId, kpiId, measurementId);
    Kpi k = find(projectId, kpiId);
    Preconditions.requireIfMatch(ifMatch, k.version);
    ProjectService.requireActive(p);
    var old = KpiMapper.toView(m, k);
    measurements.delete(m);
    kpis.getEntityManager().lock(k, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
    history.record(
        p.id,
        History.Action.KPI_MEASUREMENT_REMOVED,
        History.Entity.KPI_MEASUREMENT,
        m.id,
        old,
        null,
        null);
    events.kpiMeasurement(p, standing(k), old, true);
    health.reassess(p.id);
  }

  /** One measurement of the KPI. */
  public KpiMeasurement measurement(UUID projectId, UUID kpiId, UUID measurementId) {
    get(projectId, kpiId);
    return measurements
        .findByIdOptional(measurementId)
        .filter(m -> m.kpiId.equals(kpiId))
        .orElseThrow(() -> ProblemException.notFound("Measurement", measurementId));
  }

  public Page<KpiMeasurement> measurements(
      UUID projectId, UUID kpiId, LocalDate from, LocalDate to, PageRequest page) {
    get(projectId, kpiId);
    return measurements.ofKpi(kpiId, from, to, page);
  }

  /** Where each of the KPIs stands as of {@code asOf}, in the order given. */
  public Map<Kpi, Kpis.Status> statuses(Collection<Kpi> of, LocalDate asOf) {
    return statuses.of(of, asOf);
  }

  public Map<Kpi, Kpis.Status> statuses(UUID projectId, LocalDate asOf) {
    return statuses(kpis.allOf(projectId), asOf);
  }

  /**
   * What a measurement's date breaks: it must not be in the future, judged where the day starts
   * first (UTC+14), so that a measurement of the caller's own today is never refused, whatever
   * their time zone. Nothing for null, which its own constraint refuses.
   */
  public static List<Problem.Violation> dateProblems(String field, LocalDate measuredOn) {
    LocalDate latest = latestDay();
    return measuredOn == null || !measuredOn.isAfter(latest)
        ? List.of()
        : List.of(
            new Problem.Violation(
                field, "must not be in the future (after " + latest + " anywhere on Earth)"));
  }

  /** The fields that differ; the target compared as a number (99.9 is 99.900000). */
  private static List<String> changed(KpiPatch a, KpiPatch b) {
    List<String> changed = new ArrayList<>();
    if (!a.name().equals(b.name())) {
      changed.add("name");
    }
    if (!a.unit().equals(b.unit())) {
      changed.add("unit");
    }
    if (a.target().compareTo(b.target()) != 0) {
      changed.add("target");
    }
    if (a.direction() != b.direction()) {
      changed.add("direction");
    }
    if (!java.util.Objects.equals(a.description(), b.description())) {
      changed.add("description");
    }
    return changed;
  }

  /** The KPI as the API shows it, where it stands now: what its events carry. */
  private KpiView standing(Kpi k) {
    return KpiMapper.toView(k, statuses.of(List.of(k), latestDay()).get(k));
  }

  private Kpi find(UUID projectId, UUID kpiId) {
    return kpis.ofProject(projectId, kpiId)
        .orElseThrow(() -> ProblemException.notFound("KPI", kpiId));
  }

  private void requireFreeName(Project p, String name, UUID except) {
    if (kpis.nameTaken(p.id, name, except)) {
      throw ProblemException.conflict("project " + p.key + " already has a KPI named " + name);
    }
  }

  /**
   * What a KPI's value (its target, a measurement) breaks of the digits it may have, named {@code
   * field}; nothing for null, which its own constraint refuses.
   */
  public static List<Problem.Violation> decimalProblems(String field, BigDecimal value) {
    List<Problem.Violation> violations = new ArrayList<>();
    if (value == null) {
      return violations;
    }
    BigDecimal plain = value.stripTrailingZeros();
    if (MoneyRules.integerDigits(plain) > MAX_INTEGER_DIGITS) {
      violations.add(
          new Problem.Violation(
              field, "must have at most " + MAX_INTEGER_DIGITS + " integer digits"));
    }
    if (plain.scale() > MAX_DECIMALS) {
      violations.add(
          new Problem.Violation(field, "must have at most " + MAX_DECIMALS + " decimals"));
    }
    if (violations.isEmpty() && plain.precision() > MAX_SIGNIFICANT_DIGITS) {
      violations.add(
          new Problem.Violation(
              field,
              "must have at most "
                  + MAX_SIGNIFICANT_DIGITS
                  + " significant digits, which every client reads exactly"));
    }
    return violations;
  }
}
