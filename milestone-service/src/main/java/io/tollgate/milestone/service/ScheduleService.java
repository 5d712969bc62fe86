package io.tollgate.milestone.service;

import io.tollgate.directory.ProjectRef;
import io.tollgate.milestone.model.Milestone;
import io.tollgate.milestone.rest.ScheduleView;
import io.tollgate.milestone.schedule.ScheduleGraph;
import io.tollgate.rest.ProblemException;
import io.tollgate.security.ProjectAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A project's schedule: forecasts through the dependencies, slack and the critical path. */
@ApplicationScoped
public class ScheduleService {

  private final EntityManager em;
  private final ProjectAccess access;

  ScheduleService(EntityManager em, ProjectAccess access) {
    this.em = em;
    this.access = access;
  }

  /**
   * The schedule of a project the caller may read, its milestones each after its predecessors.
   *
   * @throws ProblemException 404 for a project the directory does not know or the caller may not
   *     see
   */
  public ScheduleView schedule(UUID projectId) {
    access.requireRead(projectId);
    if (em.find(ProjectRef.class, projectId) == null) {
      throw ProblemException.notFound("project", projectId);
    }
    List<Milestone> milestones = Reforecast.milestones(em, projectId);
    ScheduleGraph graph = Reforecast.graph(milestones, Reforecast.dependencies(em, projectId));
    Map<UUID, Milestone> byId =
        milestones.stream().collect(Collectors.toMap(m -> m.id, Function.identity()));
    Map<UUID, LocalDate> forecasts = graph.forecasts();
    Map<UUID, Long> slack = graph.slackDays();
    List<UUID> critical = graph.criticalPath();
    Set<UUID> onPath = new HashSet<>(critical);
    LocalDate today = Buffers.today();
    List<ScheduleView.Item> items =
        graph.order().stream()
            .map(
                id -> {
                  Milestone m = byId.get(id);
                  return new ScheduleView.Item(
                      id,
                      m.name,
                      Buffers.status(m, today),
                      forecasts.get(id),
                      slack.get(id),
                      onPath.contains(id),
                      graph.predecessors(id).stream()
                          .map(e -> new ScheduleView.Predecessor(e.predecessor(), e.lagDays()))
                          .toList());
                })
            .toList();
    return new ScheduleView(projectId, graph.projectEnd().orElse(null), critical, items);
  }
}
