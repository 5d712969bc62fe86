package io.tollgate.milestone.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.directory.ProjectRef;
import io.tollgate.milestone.mapping.MilestoneMapper;
import io.tollgate.milestone.messaging.MilestoneEvents;
import io.tollgate.milestone.model.Milestone;
import io.tollgate.milestone.model.MilestoneStatus;
import io.tollgate.milestone.repository.BaselineRepository;
import io.tollgate.milestone.repository.HistoryRepository;
import io.tollgate.milestone.repository.MilestoneRepository;
import io.tollgate.milestone.rest.BaselineCreate;
import io.tollgate.milestone.rest.MilestoneCompletion;
import io.tollgate.milestone.rest.MilestoneCreate;
import io.tollgate.milestone.rest.MilestonePatch;
import io.tollgate.milestone.rest.MilestoneView;
import io.tollgate.rest.Decimals;
import io.tollgate.rest.MergePatch;
import io.tollgate.rest.Page;
import io.tollgate.rest.PageRequest;
import io.tollgate.rest.PinnedPage;
import io.tollgate.rest.Preconditions;
import io.tollgate.rest.Problem;
import io.tollgate.rest.ProblemException;
import io.tollgate.rest.ProblemType;
import io.tollgate.security.Caller;
import io.tollgate.security.ProjectAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.SessionImplementor;

/** Milestones: planned, changed, completed, re-opened, re-baselined and deleted. */
@ApplicationScoped
public class MilestoneService {

  public static final int MAX_BUFFER_DAYS = 3650;
  static final String INITIAL_BASELINE = "initial baseline";

  /** The zone whose day starts first: a date after its today is in the future everywhere. */
  static final ZoneOffset EARLIEST_ZONE = ZoneOffset.ofHours(14);

  private final MilestoneRepository milestones;
  private final BaselineRepository baselines;
  private final HistoryRepository historyRows;
  private final MilestoneHistory history;
  private final MilestoneEvents events;
  private final Reforecast reforecast;
  private final ProjectAccess access;
  private final Caller caller;
  private final MergePatch mergePatch;

  MilestoneService(
      MilestoneRepository milestones,
      BaselineRepository baselines,
      HistoryRepository historyRows,
      MilestoneHistory history,
      MilestoneEvents events,
      Reforecast reforecast,
      ProjectAccess access,
      Caller caller,
      MergePatch mergePatch) {
    this.milestones = milestones;
    this.baselines = baselines;
    this.historyRows = historyRows;
    this.history = history;
    this.events = events;
    this.reforecast = reforecast;
    this.access = access;
    this.caller = caller;
    this.mergePatch = mergePatch;
  }

  private EntityManager em() {
    return milestones.getEntityManager();
  }

  @Transactional
  public Milestone create(MilestoneCreate request) {
    access.requireWrite(request.projectId());
    ProjectRef project = lockProject(request.projectId());
    if (project.archived) {
      throw ProblemException.conflict(
          "project " + project.key + " is archived; no milestone can be planned for it");
    }
    request.requireRules();
    OffsetDateTime now = Times.now();
    Milestone m = new Milestone();
    m.id = UUID.randomUUID();
    m.projectId = project.projectId;
    m.name = request.name().strip();
    m.description = request.description();
    m.kind = request.kind();
    m.plannedDate = request.plannedDate();
    m.bufferDays = request.bufferDays() == null ? 0 : request.bufferDays();
    m.ownForecastDate =
        request.forecastDate() == null ? request.plannedDate() : request.forecastDate();
    // the column is not null; the reforecast below makes it the effective one
    m.forecastDate = m.ownForecastDate;
    m.plannedValue = request.plannedValue();
    m.createdAt = now;
    m.updatedAt = now;
    milestones.persist(m);
    baselines.insert(
        m.id,
        m.plannedDate,
        INITIAL_BASELINE,
        now,
        caller.userId(),
        caller.apiKeyId().orElse(null));
    em().flush();
    Moved moved = moved(reforecast.apply(m.projectId), m.id);
    history.record(m, MilestoneHistory.CREATED, null, view(m), null);
    events.created(m);
    publish(moved);
    return m;
  }

  /** One milestone; 404 when there is none or the caller may not read its project. */
  public Milestone get(UUID id) {
    Milestone m = milestones.findById(id);
    if (m == null || !access.canRead(m.projectId)) {
      throw notFound(id);
    }
    return m;
  }

  public Page<Milestone> list(UUID projectId, MilestoneRepository.Filter filter, PageRequest page) {
    access.requireRead(projectId);
    if (em().find(ProjectRef.class, projectId) == null) {
      throw ProblemException.notFound("project", projectId);
    }
    return milestones.ofProject(projectId, filter, page);
  }

  @Transactional
  public Milestone update(UUID id, String ifMatch, JsonNode patch) {
    Milestone m = forChange(id, ifMatch);
    MilestonePatch current = MilestoneMapper.toPatchable(m);
    MilestonePatch after = patched(m, current, patch);
    if (m.actualDate != null && after.status() != MilestoneStatus.COMPLETED) {
      throw ProblemException.conflict(
          "milestone "
              + id
              + " is completed; re-open it with DELETE /api/v1/milestones/"
              + id
              + "/completion before changing its status");
    }
    if (!changed(current, after)) {
      return m;
    }
    MilestoneView before = view(m);
    LocalDate pushed = pushedForecast(m);
    m.name = after.name();
    m.description = after.description();
    m.kind = after.kind();
    m.bufferDays = after.bufferDays();
    m.ownForecastDate = after.forecastDate();
    m.plannedValue = after.plannedValue();
    if (m.actualDate == null) {
      m.started = after.status() == MilestoneStatus.IN_PROGRESS;
      m.forecastDate =
          pushed == null || pushed.isBefore(m.ownForecastDate) ? m.ownForecastDate : pushed;
    }
    m.updatedAt = Times.now();
    Moved moved = finish(m, MilestoneHistory.UPDATED, before, null);
    events.updated(m);
    publish(moved);
    return m;
  }

  @Transactional
  public Milestone complete(UUID id, String ifMatch, MilestoneCompletion request) {
    Milestone m = forChange(id, ifMatch);
    if (m.actualDate != null) {
      throw ProblemException.conflict(
          "milestone " + id + " was already completed on " + m.actualDate);
    }
    LocalDate actual =
        request == null || request.actualDate() == null ? Buffers.today() : request.actualDate();
    LocalDate latest = LocalDate.now(EARLIEST_ZONE);
    if (actual.isAfter(latest)) {
      throw ProblemException.invalid(
          "actualDate", "must not be in the future (after " + latest + " anywhere on Earth)");
    }
    MilestoneView before = view(m);
    m.actualDate = actual;
    m.forecastDate = actual;
    m.started = true;
    m.updatedAt = Times.now();
    Moved moved = finish(m, MilestoneHistory.COMPLETED, before, null);
    events.completed(m);
    publish(moved);
    return m;
  }

  @Transactional
  public Milestone reopen(UUID id, String ifMatch) {
    Milestone m = forChange(id, ifMatch);
    if (m.actualDate == null) {
      throw ProblemException.conflict("milestone " + id + " is not completed");
    }
    MilestoneView before = view(m);
    m.actualDate = null;
    m.forecastDate = m.ownForecastDate;
    m.updatedAt = Times.now();
    Moved moved = finish(m, MilestoneHistory.REOPENED, before, null);
    events.updated(m);
    publish(moved);
    return m;
  }

  @Transactional
  public Milestone rebaseline(UUID id, String ifMatch, BaselineCreate request) {
    Milestone m = forChange(id, ifMatch);
    MilestoneView before = view(m);
    String reason = request.reason().strip();
    OffsetDateTime now = Times.now();
    m.plannedDate = request.plannedDate();
    m.updatedAt = now;
    baselines.insert(
        m.id, m.plannedDate, reason, now, caller.userId(), caller.apiKeyId().orElse(null));
    Moved moved = finish(m, MilestoneHistory.REBASELINED, before, reason);
    events.updated(m);
    publish(moved);
    return m;
  }

  @Transactional
  public void delete(UUID id, String ifMatch) {
    Milestone m = forChange(id, ifMatch);
    MilestoneView before = view(m);
    milestones.delete(m);
    // its dependencies go with it (the foreign keys cascade): the successors' forecasts may move
    em().flush();
    Moved moved = moved(reforecast.apply(m.projectId), m.id);
    history.record(m, MilestoneHistory.DELETED, before, null, null);
    events.deleted(m);
    publish(moved);
  }

  @Transactional
  public Page<BaselineRepository.Row> baselines(UUID id, PageRequest page) {
    get(id);
    return baselines.ofMilestone(id, page);
  }

  @Transactional
  public PinnedPage<HistoryRepository.Row> history(UUID id, Long before, PageRequest page) {
    get(id);
    return historyRows.ofMilestone(id, before, page);
  }

  /**
   * Publishes the forecasts that a change moved along the dependencies: for each milestone of
   * {@code moved} but {@code except} (the one the request changed, which has its own event), a
   * FORECAST_MOVED history entry and tollgate.milestone.updated.v1. Call it right after {@link
   * Reforecast#apply}, before anything flushes, so that the history sees their forecasts as they
   * were.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void publishMoved(List<Milestone> moved, UUID except) {
    publish(moved(moved, except));
  }

  /**
   * Locks the project for a change of its milestones (one at a time per project, as their forecasts
   * depend on each other); 404 when the directory does not know it.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public ProjectRef lockProject(UUID projectId) {
    ProjectRef project = em().find(ProjectRef.class, projectId, LockModeType.PESSIMISTIC_WRITE);
    if (project == null) {
      throw ProblemException.notFound("project", projectId);
    }
    return project;
  }

  /** What a planned value breaks of its rules (>= 0, numeric(19, 4)); nothing for null. */
  public static List<Problem.Violation> plannedValueProblems(String field, BigDecimal value) {
    return Decimals.nonNegativeProblems(field, value);
  }

  private static MilestoneView view(Milestone m) {
    return MilestoneMapper.toView(m, Buffers.today());
  }

  /** Milestones whose forecasts a change moved, with their views from before. */
  private record Moved(List<Milestone> milestones, Map<Milestone, MilestoneView> before) {}

  /**
   * The end of a change of {@code m}: recomputes the project's forecasts, makes every version
   * current and records the change; returns the other milestones it moved, which {@link #publish}
   * publishes after the change's own event.
   */
  private Moved finish(Milestone m, String action, MilestoneView before, String reason) {
    // flushed first, so that every query of the reforecast sees the change
    em().flush();
    Moved moved = moved(reforecast.apply(m.projectId), m.id);
    history.record(m, action, before, view(m), reason);
    return moved;
  }

  /**
   * The milestones of {@code moved} but {@code except}, with their views before the reforecast,
   * stamped and flushed so that their versions are current.
   */
  private Moved moved(List<Milestone> moved, UUID except) {
    List<Milestone> others = new ArrayList<>();
    Map<Milestone, MilestoneView> before = new IdentityHashMap<>();
    OffsetDateTime now = Times.now();
    for (Milestone m : moved) {
      if (!m.id.equals(except)) {
        others.add(m);
        before.put(m, viewBeforeReforecast(m));
        m.updatedAt = now;
      }
    }
    em().flush();
    return new Moved(others, before);
  }

  private void publish(Moved moved) {
    for (Milestone m : moved.milestones()) {
      history.record(m, MilestoneHistory.FORECAST_MOVED, moved.before().get(m), view(m), null);
      events.updated(m);
    }
  }

  /**
   * The view of a milestone with the forecast it had when the session loaded or last flushed it:
   * its history's "before" when a reforecast moved it.
   */
  private MilestoneView viewBeforeReforecast(Milestone m) {
    EntityEntry entry = em().unwrap(SessionImplementor.class).getPersistenceContext().getEntry(m);
    Object loaded = entry == null ? null : entry.getLoadedValue("forecastDate");
    if (!(loaded instanceof LocalDate was) || was.equals(m.forecastDate)) {
      return view(m);
    }
    LocalDate now = m.forecastDate;
    m.forecastDate = was;
    try {
      return view(m);
    } finally {
      m.forecastDate = now;
    }
  }

  /**
   * The forecast the predecessors held an open milestone at, past its own, or null. A change of the
   * milestone's own fields does not move its predecessors, so its new effective forecast is known
   * before the reforecast: set at once, the change and the forecast reach the database in one
   * write, one version, rather than two.
   */
  private static LocalDate pushedForecast(Milestone m) {
    return m.actualDate == null && m.forecastDate.isAfter(m.ownForecastDate)
        ? m.forecastDate
        : null;
  }

  private Milestone forChange(UUID id, String ifMatch) {
    UUID projectId =
        milestones.projectOf(id).filter(access::canRead).orElseThrow(() -> notFound(id));
    access.requireWrite(projectId);
    lockProject(projectId);
    Milestone m = milestones.findById(id);
    if (m == null) {
      throw notFound(id); // deleted while this request waited for the lock
    }
    Preconditions.requireIfMatch(ifMatch, m.version);
    return m;
  }

  /**
   * The patch applied to the writable fields and judged in one answer: plannedDate is refused (it
   * is the baseline), as are LATE (derived) and COMPLETED (set by the completion) as a status.
   */
  private MilestonePatch patched(Milestone m, MilestonePatch current, JsonNode patch) {
    JsonNode body = patch;
    Problem.Violation baseline = null;
    if (patch != null && patch.isObject() && patch.has("plannedDate")) {
      baseline =
          new Problem.Violation(
              "plannedDate",
              "is the baseline: re-take it with POST /api/v1/milestones/"
                  + m.id
                  + "/baselines and a reason");
      body = ((ObjectNode) patch).deepCopy();
      ((ObjectNode) body).remove("plannedDate");
    }
    MilestonePatch after;
    try {
      after =
          mergePatch.apply(
              current,
              body,
              merged -> {
                List<Problem.Violation> violations = new ArrayList<>();
                if (merged.status() == MilestoneStatus.LATE) {
                  violations.add(
                      new Problem.Violation(
                          "status", "LATE follows from the dates; set PLANNED or IN_PROGRESS"));
                } else if (merged.status() == MilestoneStatus.COMPLETED
                    && current.status() != MilestoneStatus.COMPLETED) {
                  violations.add(
                      new Problem.Violation(
                          "status",
                          "a milestone is completed with POST /api/v1/milestones/"
                              + m.id
                              + "/completion and its actual date"));
                }
                if (merged.plannedValue() != null
                    && (current.plannedValue() == null
                        || merged.plannedValue().compareTo(current.plannedValue()) != 0)) {
                  violations.addAll(plannedValueProblems("plannedValue", merged.plannedValue()));
                }
                return violations;
              });
    } catch (ProblemException e) {
      if (baseline != null && e.type() == ProblemType.VALIDATION && !e.violations().isEmpty()) {
        List<Problem.Violation> all = new ArrayList<>(e.violations());
        all.add(baseline);
        all.sort(Comparator.comparing(Problem.Violation::field));
        throw ProblemException.invalid(all);
      }
      throw e;
    }
    if (baseline != null) {
      throw ProblemException.invalid(List.of(baseline));
    }
    return new MilestonePatch(
        after.name().strip(),
        after.description(),
        after.kind(),
        after.bufferDays(),
        after.forecastDate(),
        after.plannedValue(),
        after.status());
  }

  /** Whether anything differs; a planned value compared as a number (25000 is 25000.0000). */
  private static boolean changed(MilestonePatch a, MilestonePatch b) {
    boolean value =
        a.plannedValue() == null || b.plannedValue() == null
            ? !Objects.equals(a.plannedValue(), b.plannedValue())
            : a.plannedValue().compareTo(b.plannedValue()) != 0;
    return value
        || !a.name().equals(b.name())
        || !Objects.equals(a.description(), b.description())
        || a.kind() != b.kind()
        || !a.bufferDays().equals(b.bufferDays())
        || !a.forecastDate().equals(b.forecastDate())
        || a.status() != b.status();
  }

  private static ProblemException notFound(UUID id) {
    return ProblemException.notFound("milestone", id);
  }
}
