package io.tollgate.milestone.service;

import io.tollgate.directory.ProjectRef;
import io.tollgate.milestone.model.FeverPoint;
import io.tollgate.milestone.model.Milestone;
import io.tollgate.milestone.repository.FeverPointRepository;
import io.tollgate.milestone.rest.FeverChartView;
import io.tollgate.milestone.schedule.ScheduleGraph;
import io.tollgate.rest.ProblemException;
import io.tollgate.security.ProjectAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/** A project's fever chart: where it stands now and a point per day it changed (ADR 0029). */
@ApplicationScoped
public class FeverChartService {

  private final EntityManager em;
  private final ProjectAccess access;
  private final FeverPointRepository points;

  FeverChartService(EntityManager em, ProjectAccess access, FeverPointRepository points) {
    this.em = em;
    this.access = access;
    this.points = points;
  }

  /**
   * The fever chart of a project the caller may read; {@code current} is null while it has no
   * milestones.
   *
   * @throws ProblemException 404 for a project the directory does not know or the caller may not
   *     see
   */
  @Transactional
  public FeverChartView chart(UUID projectId) {
    access.requireRead(projectId);
    if (em.find(ProjectRef.class, projectId) == null) {
      throw ProblemException.notFound("project", projectId);
    }
    List<Milestone> milestones = Reforecast.milestones(em, projectId);
    ScheduleGraph graph = Reforecast.graph(milestones, Reforecast.dependencies(em, projectId));
    List<FeverPoint> history = points.ofProject(projectId);
    FeverChartView.Current current =
        FeverChart.of(graph, Reforecast.plans(milestones))
            .map(
                p ->
                    new FeverChartView.Current(
                        history.isEmpty() ? null : history.get(history.size() - 1).recordedAt,
                        p.completionPercent().toPlainString(),
                        p.consumptionPercent().toPlainString(),
                        p.zone(),
                        p.projectEndMilestoneId(),
                        p.slipDays(),
                        p.bufferDays(),
                        p.criticalPath(),
                        p.completed()))
            .orElse(null);
    return new FeverChartView(
        projectId,
        current,
        history.stream()
            .map(
                p ->
                    new FeverChartView.Point(
                        p.onDay,
                        p.completionPercent.toPlainString(),
                        p.consumptionPercent.toPlainString(),
                        p.zone))
            .toList());
  }
}
