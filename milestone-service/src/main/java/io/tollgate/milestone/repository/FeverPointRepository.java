package io.tollgate.milestone.repository;

import io.tollgate.milestone.model.FeverPoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The fever_point table: a project's fever chart, one point per UTC day (ADR 0029). */
@ApplicationScoped
public class FeverPointRepository {

  private final EntityManager em;

  FeverPointRepository(EntityManager em) {
    this.em = em;
  }

  /**
   * Sets the project's point of its day: the day's latest value wins. Neither queries nor flushes
   * anything else, so a reforecast's changes stay unflushed for its history.
   */
  public void save(FeverPoint point) {
    FeverPoint stored = em.find(FeverPoint.class, new FeverPoint.Key(point.projectId, point.onDay));
    if (stored == null) {
      // every column set before persist: Hibernate inserts the state it is given here
      em.persist(point);
      return;
    }
    stored.completionPercent = point.completionPercent;
    stored.consumptionPercent = point.consumptionPercent;
    stored.zone = point.zone;
    stored.projectEndMilestoneId = point.projectEndMilestoneId;
    stored.recordedAt = point.recordedAt;
  }

  /** Removes the project's point of the day, if it has one: its last milestone is gone. */
  public void removeDay(UUID projectId, LocalDate day) {
    FeverPoint p = em.find(FeverPoint.class, new FeverPoint.Key(projectId, day));
    if (p != null) {
      em.remove(p);
    }
  }

  /** Every point of the project, oldest first. */
  public List<FeverPoint> ofProject(UUID projectId) {
    return em.createQuery(
            "select p from FeverPoint p where p.projectId = :p order by p.onDay", FeverPoint.class)
        .setParameter("p", projectId)
        .getResultList();
  }

  /** The project's newest point. */
  public Optional<FeverPoint> latest(UUID projectId) {
    return em.createQuery(
            "select p from FeverPoint p where p.projectId = :p order by p.onDay desc",
            FeverPoint.class)
        .setParameter("p", projectId)
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }
}
