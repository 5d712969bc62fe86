package io.tollgate.risk.service;

import io.tollgate.directory.ProjectRef;
import io.tollgate.eventing.CloudEvents.MalformedEventException;
import io.tollgate.risk.messaging.MilestoneEventData;
import io.tollgate.risk.model.MilestoneRef;
import io.tollgate.risk.model.Risk;
import io.tollgate.risk.model.RiskStatus;
import io.tollgate.risk.service.ScheduleRiskRules.Trouble;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.LocalDate;

/**
 * Raises, escalates and closes the SCHEDULE risk of a milestone that eats its buffer (ADR 0028),
 * from milestone.events, through {@link RiskService} so that its events go out with the change.
 */
@ApplicationScoped
public class ScheduleRisks {

  private final EntityManager em;
  private final RiskService risks;

  ScheduleRisks(EntityManager em, RiskService risks) {
    this.em = em;
    this.risks = risks;
  }

  /**
   * Applies one milestone event, in the consumer's transaction.
   *
   * @param today the day the event was written on
   * @return whether the event was newer than what this service had of the milestone
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean milestone(boolean deleted, MilestoneEventData d, LocalDate today) {
    if (d.milestoneId() == null
        || d.projectId() == null
        || d.name() == null
        || d.status() == null
        || d.plannedDate() == null
        || d.bufferDays() == null
        || d.bufferDays() < 0
        || d.version() == null) {
      throw new MalformedEventException(
          "milestone event without milestoneId, projectId, name, status, plannedDate, bufferDays"
              + " or version");
    }
    MilestoneRef m = em.find(MilestoneRef.class, d.milestoneId(), LockModeType.PESSIMISTIC_WRITE);
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
    m.status = d.status();
    m.zone = d.zone();
    m.deleted = deleted;
    m.version = d.version();
    m.updatedAt = Times.now();
    if (!known) {
      em.persist(m);
    }
    Trouble trouble = ScheduleRiskRules.trouble(deleted, d, today);
    if (trouble == null) {
      recovered(m, deleted, d);
    } else {
      troubled(m, d, trouble);
    }
    return true;
  }

  private void troubled(MilestoneRef m, MilestoneEventData d, Trouble t) {
    if (!t.worseThan(m.markedOverrun, m.markedLate)) {
      return;
    }
    Risk followed = m.riskId == null ? null : lockedRisk(m);
    if (followed != null && followed.status == RiskStatus.OPEN) {
      boolean byPerson = m.riskVersion == null || followed.version != m.riskVersion;
      String was = m.markedOverrun == null ? "within its buffer" : marked(m);
      risks.escalateForMilestone(
          followed,
          t.probability(),
          t.impact(d.bufferDays()),
          t.overrunDays(),
          "milestone " + d.name() + " slipped further: " + was + " -> " + t.describe());
      m.riskVersion = byPerson ? null : followed.version;
      mark(m, t);
      return;
    }
    // none yet, or closed (by a person, or on recovery): a new risk, for a project that takes one
    ProjectRef project = em.find(ProjectRef.class, d.projectId());
    if (project == null || project.archived) {
      return;
    }
    Risk raised =
        risks.raiseForMilestone(
            d.projectId(),
            d.milestoneId(),
            ScheduleRiskRules.title(d),
            ScheduleRiskRules.description(d, t),
            t.probability(),
            t.impact(d.bufferDays()),
            t.overrunDays(),
            RiskService.IDENTIFIED + ": milestone " + d.name() + " is " + t.describe());
    m.riskId = raised.id;
    m.riskVersion = raised.version;
    mark(m, t);
  }

  private void recovered(MilestoneRef m, boolean deleted, MilestoneEventData d) {
    if (m.markedOverrun == null) {
      return;
    }
    m.markedOverrun = null;
    m.markedLate = false;
    Risk followed = m.riskId == null ? null : lockedRisk(m);
    // closed only while nobody has touched it since; otherwise it is its owner's to close
    if (followed != null
        && followed.status == RiskStatus.OPEN
        && m.riskVersion != null
        && followed.version == m.riskVersion) {
      String why =
          deleted
              ? "was deleted"
              : ScheduleRiskRules.COMPLETED.equals(d.status())
                  ? "was completed"
                  : "is back within its buffer";
      risks.closeForMilestone(followed, "milestone " + d.name() + " " + why);
      m.riskVersion = followed.version;
    }
  }

  private Risk lockedRisk(MilestoneRef m) {
    return em.find(Risk.class, m.riskId, LockModeType.PESSIMISTIC_WRITE);
  }

  private static String marked(MilestoneRef m) {
    return new Trouble(m.markedOverrun, m.markedLate).describe();
  }

  private static void mark(MilestoneRef m, Trouble t) {
    m.markedOverrun = t.overrunDays();
    m.markedLate = t.late();
  }
}
