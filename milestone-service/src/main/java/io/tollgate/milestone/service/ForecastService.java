package io.tollgate.milestone.service;

import io.tollgate.directory.ProjectRef;
import io.tollgate.milestone.model.Milestone;
import io.tollgate.milestone.model.RiskRef;
import io.tollgate.milestone.rest.ForecastView;
import io.tollgate.milestone.schedule.ScheduleGraph;
import io.tollgate.rest.ProblemException;
import io.tollgate.security.ProjectAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The risk-adjusted forecast of a project (ADR 0027). */
@ApplicationScoped
public class ForecastService {

  private final EntityManager em;
  private final ProjectAccess access;
  private final RiskReadModel risks;

  ForecastService(EntityManager em, ProjectAccess access, RiskReadModel risks) {
    this.em = em;
    this.access = access;
    this.risks = risks;
  }

  /**
   * Simulates the schedule of a project the caller may read with its open risks.
   *
   * @throws ProblemException 404 for a project the directory does not know or the caller may not
   *     see
   */
  public ForecastView forecast(UUID projectId, int iterations, long seed) {
    access.requireRead(projectId);
    if (em.find(ProjectRef.class, projectId) == null) {
      throw ProblemException.notFound("project", projectId);
    }
    List<Milestone> milestones = Reforecast.milestones(em, projectId);
    ScheduleGraph graph = Reforecast.graph(milestones, Reforecast.dependencies(em, projectId));
    Map<UUID, Integer> buffers = new HashMap<>();
    milestones.forEach(m -> buffers.put(m.id, m.bufferDays));
    List<MonteCarlo.Risk> open = new ArrayList<>();
    for (RiskRef r : risks.ofProject(projectId)) {
      // a closed risk, or one without a schedule impact, moves no date
      if (r.open() && r.scheduleImpactDays != null && r.scheduleImpactDays > 0) {
        open.add(
            new MonteCarlo.Risk(
                MonteCarlo.chance(r.probability), r.scheduleImpactDays, r.milestoneIds));
      }
    }
    MonteCarlo.Result result = MonteCarlo.run(graph, buffers, open, iterations, seed);
    List<ForecastView.Item> items =
        result.milestones().entrySet().stream()
            .map(
                e -> {
                  MonteCarlo.Distribution d = e.getValue();
                  return new ForecastView.Item(
                      e.getKey(),
                      graph.node(e.getKey()).name(),
                      d.forecast(),
                      d.percentile(50),
                      d.percentile(80),
                      d.percentile(95));
                })
            .toList();
    MonteCarlo.Distribution end = result.projectEnd();
    ForecastView.Percentiles projectEnd =
        end == null
            ? null
            : new ForecastView.Percentiles(
                end.percentile(50), end.percentile(80), end.percentile(95));
    return new ForecastView(projectId, iterations, seed, projectEnd, items);
  }
}
