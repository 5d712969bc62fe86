package io.tollgate.milestone.service;

import io.tollgate.milestone.model.Milestone;
import io.tollgate.milestone.model.MilestoneDependency;
import io.tollgate.milestone.repository.MilestoneRepository;
import io.tollgate.milestone.rest.DependencyView;
import io.tollgate.milestone.schedule.ScheduleGraph;
import io.tollgate.rest.Preconditions;
import io.tollgate.rest.ProblemException;
import io.tollgate.rest.ProblemType;
import io.tollgate.security.ProjectAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Finish-to-start dependencies between a project's milestones: added, changed and removed, each
 * time with the project's forecasts recomputed and every milestone they moved published.
 */
@ApplicationScoped
public class DependencyService {

  /** History actions, recorded on the successor. */
  public static final String DEPENDENCY_ADDED = "DEPENDENCY_ADDED";

  public static final String DEPENDENCY_CHANGED = "DEPENDENCY_CHANGED";
  public static final String DEPENDENCY_REMOVED = "DEPENDENCY_REMOVED";

  /** A dependency as the successor's history shows it, before and after a change. */
  public record HistoryState(UUID predecessorId, int lagDays) {
    static HistoryState of(MilestoneDependency d) {
      return new HistoryState(d.predecessorId, d.lagDays);
    }
  }

  /** What a PUT did: whether it added the dependency, and the successor after it. */
  public record Outcome(DependencyView dependency, boolean added, Milestone successor) {}

  private final EntityManager em;
  private final MilestoneRepository milestones;
  private final MilestoneService milestoneService;
  private final MilestoneHistory history;
  private final Reforecast reforecast;
  private final ProjectAccess access;

  DependencyService(
      EntityManager em,
      MilestoneRepository milestones,
      MilestoneService milestoneService,
      MilestoneHistory history,
      Reforecast reforecast,
      ProjectAccess access) {
    this.em = em;
    this.milestones = milestones;
    this.milestoneService = milestoneService;
    this.history = history;
    this.reforecast = reforecast;
    this.access = access;
  }

  /**
   * Makes milestone {@code successorId} depend on {@code predecessorId} with {@code lagDays}: adds
   * the dependency, or changes its lag.
   *
   * @param ifMatch the successor's ETag, checked when given
   */
  @Transactional
  public Outcome put(UUID successorId, UUID predecessorId, int lagDays, String ifMatch) {
    if (successorId.equals(predecessorId)) {
      throw ProblemException.invalid(
          "predecessorId", "must be another milestone than " + successorId);
    }
    Milestone successor = forChange(successorId, ifMatch);
    Milestone predecessor =
        milestones
            .findByIdOptional(predecessorId)
            .filter(p -> access.canRead(p.projectId))
            .orElseThrow(() -> ProblemException.notFound("milestone", predecessorId));
    if (!predecessor.projectId.equals(successor.projectId)) {
      throw ProblemException.conflict(
          "milestone "
              + predecessorId
              + " belongs to another project than milestone "
              + successorId
              + "; a dependency joins milestones of one project");
    }
    MilestoneDependency existing =
        em.find(MilestoneDependency.class, new MilestoneDependency.Key(predecessorId, successorId));
    if (existing != null) {
      if (existing.lagDays != lagDays) {
        HistoryState before = HistoryState.of(existing);
        existing.lagDays = lagDays;
        history.record(successor, DEPENDENCY_CHANGED, before, HistoryState.of(existing), null);
        reforecast(successor.projectId);
      }
      return new Outcome(view(existing), false, successor);
    }
    List<Milestone> all = Reforecast.milestones(em, successor.projectId);
    ScheduleGraph graph = Reforecast.graph(all, Reforecast.dependencies(em, successor.projectId));
    Optional<List<UUID>> cycle = graph.cycleIfAdded(predecessorId, successorId);
    if (cycle.isPresent()) {
      throw cycle(cycle.get(), all, predecessor, successor);
    }
    MilestoneDependency d = new MilestoneDependency();
    d.predecessorId = predecessorId;
    d.successorId = successorId;
    d.projectId = successor.projectId;
    d.lagDays = lagDays;
    em.persist(d);
    history.record(successor, DEPENDENCY_ADDED, null, HistoryState.of(d), null);
    reforecast(successor.projectId);
    return new Outcome(view(d), true, successor);
  }

  /**
   * Removes the dependency of {@code successorId} on {@code predecessorId}.
   *
   * @param ifMatch the successor's ETag, checked when given
   * @throws ProblemException 404 when there is no such dependency
   */
  @Transactional
  public Milestone remove(UUID successorId, UUID predecessorId, String ifMatch) {
    Milestone successor = forChange(successorId, ifMatch);
    MilestoneDependency d = dependency(successorId, predecessorId);
    HistoryState before = HistoryState.of(d);
    em.remove(d);
    history.record(successor, DEPENDENCY_REMOVED, before, null, null);
    reforecast(successor.projectId);
    return successor;
  }

  /**
   * The dependency of {@code successorId} on {@code predecessorId}.
   *
   * @throws ProblemException 404 when the caller may not read the successor's project, or there is
   *     no such dependency
   */
  public DependencyView get(UUID successorId, UUID predecessorId) {
    Milestone successor = milestoneService.get(successorId);
    return view(dependency(successor.id, predecessorId));
  }

  /** The milestone's predecessors with their lags, by predecessor id. */
  public List<DependencyView> predecessors(UUID successorId) {
    Milestone m = milestoneService.get(successorId);
    return em
        .createQuery(
            "select d from MilestoneDependency d where d.successorId = :s order by d.predecessorId",
            MilestoneDependency.class)
        .setParameter("s", m.id)
        .getResultList()
        .stream()
        .map(DependencyService::view)
        .toList();
  }

  /** Recomputes the project's forecasts and publishes every milestone they moved. */
  private void reforecast(UUID projectId) {
    // flushed first, so that the reforecast's queries see the dependency as it now is
    em.flush();
    milestoneService.publishMoved(reforecast.apply(projectId), null);
  }

  /**
   * The successor, for a change of its dependencies by a caller who may write its project, with the
   * project locked: one change of a project's schedule at a time, so that two dependencies added at
   * once cannot close a cycle that neither saw.
   */
  private Milestone forChange(UUID id, String ifMatch) {
    UUID projectId =
        milestones
            .projectOf(id)
            .filter(access::canRead)
            .orElseThrow(() -> ProblemException.notFound("milestone", id));
    access.requireWrite(projectId);
    milestoneService.lockProject(projectId);
    Milestone m = milestones.findById(id);
    if (m == null) {
      throw ProblemException.notFound("milestone", id); // deleted while waiting for the lock
    }
    if (ifMatch != null && !ifMatch.isBlank()) {
      Preconditions.requireIfMatch(ifMatch, m.version);
    }
    return m;
  }

  private MilestoneDependency dependency(UUID successorId, UUID predecessorId) {
    MilestoneDependency d =
        em.find(MilestoneDependency.class, new MilestoneDependency.Key(predecessorId, successorId));
    if (d == null) {
      throw new ProblemException(
          ProblemType.NOT_FOUND,
          "milestone " + successorId + " does not depend on milestone " + predecessorId);
    }
    return d;
  }

  /** The 409 for a dependency that would close a cycle, naming it by the milestones' names. */
  private static ProblemException cycle(
      List<UUID> cycle, List<Milestone> all, Milestone predecessor, Milestone successor) {
    Map<UUID, String> names = all.stream().collect(Collectors.toMap(m -> m.id, m -> m.name));
    String path =
        cycle.stream().map(id -> "\"" + names.get(id) + "\"").collect(Collectors.joining(" -> "));
    return new ProblemException(
        ProblemType.CONFLICT,
        "\""
            + successor.name
            + "\" cannot depend on \""
            + predecessor.name
            + "\": that would close the cycle "
            + path,
        List.of(),
        Map.of("cycle", cycle));
  }

  static DependencyView view(MilestoneDependency d) {
    return new DependencyView(d.predecessorId, d.successorId, d.lagDays);
  }
}
