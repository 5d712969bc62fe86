package io.tollgate.project.service;

import io.tollgate.eventing.CloudEvents.MalformedEventException;
import io.tollgate.project.messaging.MilestoneEventData;
import io.tollgate.project.messaging.RiskEventData;
import io.tollgate.project.model.MilestoneRef;
import io.tollgate.project.model.RiskRef;
import io.tollgate.project.repository.MilestoneRefRepository;
import io.tollgate.project.repository.RiskRefRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Applies milestone and risk events to the read models. Each event carries the whole aggregate and
 * its version; an event older than what is kept changes nothing, so order across partitions or a
 * replay cannot move the model backwards.
 */
@ApplicationScoped
public class ReadModelService {

  private final MilestoneRefRepository milestones;
  private final RiskRefRepository risks;
  private final HealthService health;

  ReadModelService(
      MilestoneRefRepository milestones, RiskRefRepository risks, HealthService health) {
    this.milestones = milestones;
    this.risks = risks;
    this.health = health;
  }

  /**
   * @return whether the event changed the model
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean milestone(boolean deleted, MilestoneEventData d) {
    if (d.milestoneId() == null
        || d.projectId() == null
        || d.kind() == null
        || d.status() == null
        || d.version() == null) {
      throw new MalformedEventException(
          "milestone event without milestoneId, projectId, kind, status or version");
    }
    MilestoneRef m = milestones.findById(d.milestoneId());
    boolean known = m != null;
    // an older version changes nothing, nor does the same version again (a redelivery, a replayed
    // dead letter) unless it is the deletion of that version, which then stands
    if (known
        && (d.version() < m.version || (d.version() == m.version && (m.deleted || !deleted)))) {
      return false;
    }
    if (!known) {
      m = new MilestoneRef();
      m.milestoneId = d.milestoneId();
    }
    m.projectId = d.projectId();
    m.name = d.name();
    m.kind = d.kind();
    m.status = d.status();
    m.plannedDate = d.plannedDate();
    m.bufferDays = d.bufferDays();
    m.forecastDate = d.forecastDate();
    m.actualDate = d.actualDate();
    m.zone = d.zone();
    m.plannedValue = d.plannedValue();
    m.deleted = deleted;
    m.version = d.version();
    m.updatedAt = Times.now();
    if (!known) {
      milestones.persist(m);
    }
    health.reassess(m.projectId);
    return true;
  }

  /**
   * @return whether the event changed the model
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean risk(RiskEventData d) {
    if (d.riskId() == null
        || d.projectId() == null
        || d.level() == null
        || d.status() == null
        || d.version() == null) {
      throw new MalformedEventException(
          "risk event without riskId, projectId, level, status or version");
    }
    RiskRef r = risks.findById(d.riskId());
    boolean known = r != null;
    // the same version again (a redelivery, a replayed dead letter) is the state already held
    if (known && d.version() <= r.version) {
      return false;
    }
    if (!known) {
      r = new RiskRef();
      r.riskId = d.riskId();
    }
    r.projectId = d.projectId();
    r.title = d.title();
    r.category = d.category();
    r.score = d.score();
    r.level = d.level();
    r.status = d.status();
    r.version = d.version();
    r.updatedAt = Times.now();
    if (!known) {
      risks.persist(r);
    }
    health.reassess(r.projectId);
    return true;
  }
}
