package io.tollgate.milestone.service;

import io.tollgate.eventing.CloudEvents.MalformedEventException;
import io.tollgate.milestone.messaging.RiskEventData;
import io.tollgate.milestone.model.RiskRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Applies risk-service's events to {@code risk_ref}, the risks the forecast simulates. */
@ApplicationScoped
public class RiskReadModel {

  private static final Set<String> STATUSES = Set.of("OPEN", "CLOSED");

  private final EntityManager em;

  RiskReadModel(EntityManager em) {
    this.em = em;
  }

  /**
   * Keeps the risk as the event says unless a newer or the same version is already held (a late,
   * replayed or redelivered event changes nothing).
   *
   * @return whether anything changed
   * @throws MalformedEventException for data the forecast cannot use (it goes to the dead-letter
   *     topic)
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean apply(RiskEventData d) {
    if (d.riskId() == null
        || d.projectId() == null
        || d.version() == null
        || d.probability() == null
        || d.status() == null) {
      throw new MalformedEventException(
          "risk event without riskId, projectId, probability, status or version");
    }
    if (d.probability() < 1 || d.probability() > 5) {
      throw new MalformedEventException("risk probability out of 1-5: " + d.probability());
    }
    if (!STATUSES.contains(d.status())) {
      throw new MalformedEventException("unknown risk status " + d.status());
    }
    if (d.scheduleImpactDays() != null && d.scheduleImpactDays() < 0) {
      throw new MalformedEventException("negative scheduleImpactDays " + d.scheduleImpactDays());
    }
    if (d.milestoneIds() != null && d.milestoneIds().contains(null)) {
      throw new MalformedEventException("risk linked to a null milestone id");
    }
    RiskRef r = em.find(RiskRef.class, d.riskId());
    boolean known = r != null;
    if (known && d.version() <= r.version) {
      return false;
    }
    if (!known) {
      r = new RiskRef();
      r.riskId = d.riskId();
    }
    r.projectId = d.projectId();
    r.probability = d.probability();
    r.status = d.status();
    r.scheduleImpactDays = d.scheduleImpactDays();
    r.milestoneIds =
        d.milestoneIds() == null ? new ArrayList<>() : new ArrayList<>(d.milestoneIds());
    r.version = d.version();
    r.updatedAt = Times.now();
    if (!known) {
      em.persist(r);
    }
    return true;
  }

  /** The risks of a project as last heard. */
  public List<RiskRef> ofProject(java.util.UUID projectId) {
    return em.createQuery("from RiskRef where projectId = :project order by riskId", RiskRef.class)
        .setParameter("project", projectId)
        .getResultList();
  }
}
