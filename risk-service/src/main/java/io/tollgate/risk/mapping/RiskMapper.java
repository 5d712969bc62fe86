package io.tollgate.risk.mapping;

import io.tollgate.risk.model.Risk;
import io.tollgate.risk.model.RiskAssessment;
import io.tollgate.risk.model.RiskLevel;
import io.tollgate.risk.model.RiskStatus;
import io.tollgate.risk.rest.AssessmentView;
import io.tollgate.risk.rest.RiskPatch;
import io.tollgate.risk.rest.RiskView;
import io.tollgate.risk.service.Scoring;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

public final class RiskMapper {

  private RiskMapper() {}

  /** The risk as the API shows it, its review judged on {@code today}. */
  public static RiskView toView(Risk r, LocalDate today) {
    boolean open = r.status == RiskStatus.OPEN;
    LocalDate nextReview = open ? nextReview(r) : null;
    return new RiskView(
        r.id,
        r.projectId,
        r.title,
        r.description,
        r.category,
        r.probability,
        r.impact,
        r.score,
        r.level,
        Scoring.decimal(Scoring.chance(r.probability)),
        r.owner,
        r.strategy,
        Scoring.decimal(r.costImpact),
        r.scheduleImpactDays,
        List.copyOf(r.milestoneIds),
        r.residualProbability,
        r.residualImpact,
        residualScore(r),
        residualLevel(r),
        r.status,
        r.closedReason,
        r.lastAssessedAt,
        nextReview,
        nextReview != null && nextReview.isBefore(today),
        r.version,
        r.createdAt,
        r.updatedAt,
        r.raisedByMilestoneId != null,
        r.raisedByMilestoneId);
  }

  /** The last assessment's day in UTC plus the level's review interval. */
  public static LocalDate nextReview(Risk r) {
    return Scoring.nextReview(
        r.lastAssessedAt.atZoneSameInstant(ZoneOffset.UTC).toLocalDate(), r.level);
  }

  public static Integer residualScore(Risk r) {
    return r.residualProbability == null
        ? null
        : Scoring.score(r.residualProbability, r.residualImpact);
  }

  public static RiskLevel residualLevel(Risk r) {
    Integer score = residualScore(r);
    return score == null ? null : Scoring.level(score);
  }

  /** The writable fields as they are. */
  public static RiskPatch toPatchable(Risk r) {
    return new RiskPatch(
        r.title,
        r.description,
        r.category,
        r.probability,
        r.impact,
        r.owner,
        r.strategy,
        r.costImpact,
        r.scheduleImpactDays,
        List.copyOf(r.milestoneIds),
        r.residualProbability,
        r.residualImpact);
  }

  public static AssessmentView toView(RiskAssessment a) {
    return new AssessmentView(
        a.seq,
        a.probability,
        a.impact,
        a.score,
        a.level,
        a.residualProbability,
        a.residualImpact,
        a.residualScore,
        a.residualLevel,
        a.assessedAt,
        a.assessedBy,
        a.apiKeyId,
        a.reason);
  }
}
