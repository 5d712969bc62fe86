package io.tollgate.milestone.service;

import io.tollgate.milestone.model.Milestone;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Recomputes the effective forecasts of a project's milestones in the transaction of the change
 * that may have moved them.
 */
@ApplicationScoped
public class Reforecast {

  private final EntityManager em;

  Reforecast(EntityManager em) {
    this.em = em;
  }

  /**
   * Sets every milestone's effective forecast of the project.
   *
   * @return the milestones whose stored forecast changed
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<Milestone> apply(UUID projectId) {
    List<Milestone> milestones =
        em.createQuery("select m from Milestone m where m.projectId = :p", Milestone.class)
            .setParameter("p", projectId)
            .getResultList();
    List<Milestone> moved = new ArrayList<>();
    for (Milestone m : milestones) {
      LocalDate forecast = m.actualDate != null ? m.actualDate : m.ownForecastDate;
      if (!Objects.equals(forecast, m.forecastDate)) {
        m.forecastDate = forecast;
        moved.add(m);
      }
    }
    return moved;
  }
}
