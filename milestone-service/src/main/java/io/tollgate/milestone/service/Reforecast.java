package io.tollgate.milestone.service;

import io.tollgate.milestone.model.FeverPoint;
import io.tollgate.milestone.model.Milestone;
import io.tollgate.milestone.model.MilestoneDependency;
import io.tollgate.milestone.repository.FeverPointRepository;
import io.tollgate.milestone.schedule.ScheduleGraph;
import io.tollgate.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Recomputes the effective forecasts of a project's milestones in the transaction of the change
 * that may have moved them: each one's actual date once completed, else the latest of its own
 * forecast and every predecessor's forecast plus the lag, through the whole dependency graph. No
 * forecast is stored past {@link #LAST_FORECAST}: a date there has a five-digit year, which the
 * {@code milestone.events} contract (format date) refuses, so its consumers would drop the event.
 */
@ApplicationScoped
public class Reforecast {

  /** The latest forecast a milestone may have: the last date with a four-digit year. */
  public static final LocalDate LAST_FORECAST = LocalDate.of(9999, 12, 31);

  private final EntityManager em;
  private final FeverPointRepository feverPoints;

  Reforecast(EntityManager em, FeverPointRepository feverPoints) {
    this.em = em;
    this.feverPoints = feverPoints;
  }

  /**
   * Sets every milestone's effective forecast of the project, and the project's fever chart point
   * of the day (ADR 0029): every change that can move the point comes through here.
   *
   * @return the milestones whose stored forecast changed
   * @throws ProblemException 409 when a milestone's forecast would be after {@link #LAST_FORECAST};
   *     nothing is set, and the change's transaction rolls back with it
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<Milestone> apply(UUID projectId) {
    List<Milestone> milestones = milestones(em, projectId);
    ScheduleGraph graph = graph(milestones, dependencies(em, projectId));
    Map<UUID, LocalDate> forecasts = graph.forecasts();
    for (Milestone m : milestones) {
      if (forecasts.get(m.id).isAfter(LAST_FORECAST)) {
        throw ProblemException.conflict(
            "the forecast of milestone '"
                + m.name
                + "' would move past "
                + LAST_FORECAST
                + " (to "
                + forecasts.get(m.id)
                + "), the last date a forecast can have; shorten a lag or bring a forecast"
                + " forward");
      }
    }
    List<Milestone> moved = new ArrayList<>();
    for (Milestone m : milestones) {
      LocalDate forecast = forecasts.get(m.id);
      if (!Objects.equals(forecast, m.forecastDate)) {
        m.forecastDate = forecast;
        moved.add(m);
      }
    }
    recordFeverPoint(projectId, graph, milestones);
    return moved;
  }

  /** The day's point: set to this change's value, or gone with the project's last milestone. */
  private void recordFeverPoint(UUID projectId, ScheduleGraph graph, List<Milestone> milestones) {
    LocalDate today = Buffers.today();
    Optional<FeverChart.Point> point = FeverChart.of(graph, plans(milestones));
    if (point.isEmpty()) {
      feverPoints.removeDay(projectId, today);
      return;
    }
    FeverPoint p = new FeverPoint();
    p.projectId = projectId;
    p.onDay = today;
    p.completionPercent = point.get().completionPercent();
    p.consumptionPercent = point.get().consumptionPercent();
    p.zone = point.get().zone();
    p.projectEndMilestoneId = point.get().projectEndMilestoneId();
    p.recordedAt = Times.now();
    feverPoints.save(p);
  }

  /** What the fever chart needs of each milestone besides the schedule. */
  static Map<UUID, FeverChart.Plan> plans(List<Milestone> milestones) {
    Map<UUID, FeverChart.Plan> plans = new HashMap<>();
    milestones.forEach(m -> plans.put(m.id, new FeverChart.Plan(m.plannedDate, m.bufferDays)));
    return plans;
  }

  /**
   * The project's milestones, in the order the schedule breaks ties in (as the lists show them).
   */
  static List<Milestone> milestones(EntityManager em, UUID projectId) {
    return em.createQuery(
            "select m from Milestone m where m.projectId = :p"
                + " order by m.plannedDate, m.name, m.id",
            Milestone.class)
        .setParameter("p", projectId)
        .getResultList();
  }

  static List<MilestoneDependency> dependencies(EntityManager em, UUID projectId) {
    return em.createQuery(
            "select d from MilestoneDependency d where d.projectId = :p"
                + " order by d.successorId, d.predecessorId",
            MilestoneDependency.class)
        .setParameter("p", projectId)
        .getResultList();
  }

  /** The schedule of these milestones (their own forecasts, not the stored effective ones). */
  static ScheduleGraph graph(List<Milestone> milestones, List<MilestoneDependency> dependencies) {
    return new ScheduleGraph(
        milestones.stream()
            .map(m -> new ScheduleGraph.Node(m.id, m.name, m.ownForecastDate, m.actualDate))
            .toList(),
        dependencies.stream()
            .map(d -> new ScheduleGraph.Edge(d.predecessorId, d.successorId, d.lagDays))
            .toList());
  }
}
