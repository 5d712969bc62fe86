package io.tollgate.risk.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.directory.ProjectRef;
import io.tollgate.rest.MergePatch;
import io.tollgate.rest.Page;
import io.tollgate.rest.PageRequest;
import io.tollgate.rest.Preconditions;
import io.tollgate.rest.ProblemException;
import io.tollgate.risk.mapping.RiskMapper;
import io.tollgate.risk.messaging.RiskEvents;
import io.tollgate.risk.model.Risk;
import io.tollgate.risk.model.RiskAssessment;
import io.tollgate.risk.model.RiskCategory;
import io.tollgate.risk.model.RiskLevel;
import io.tollgate.risk.model.RiskStatus;
import io.tollgate.risk.repository.AssessmentRepository;
import io.tollgate.risk.repository.RiskRepository;
import io.tollgate.risk.rest.ExposureView;
import io.tollgate.risk.rest.HeatmapView;
import io.tollgate.risk.rest.RiskClosure;
import io.tollgate.risk.rest.RiskCreate;
import io.tollgate.risk.rest.RiskPatch;
import io.tollgate.security.Caller;
import io.tollgate.security.ProjectAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** The risk register: risks identified, re-assessed, changed, closed and re-opened. */
@ApplicationScoped
public class RiskService {

  static final String IDENTIFIED = "identified";

  /** Who a change made automatically is recorded as (ADR 0028); it has no API key. */
  public static final String SYSTEM = "tollgate";

  private final RiskRepository risks;
  private final AssessmentRepository assessments;
  private final RiskEvents events;
  private final ProjectAccess access;
  private final Caller caller;
  private final MergePatch mergePatch;

  RiskService(
      RiskRepository risks,
      AssessmentRepository assessments,
      RiskEvents events,
      ProjectAccess access,
      Caller caller,
      MergePatch mergePatch) {
    this.risks = risks;
    this.assessments = assessments;
    this.events = events;
    this.access = access;
    this.caller = caller;
    this.mergePatch = mergePatch;
  }

  private EntityManager em() {
    return risks.getEntityManager();
  }

  @Transactional
  public Risk create(RiskCreate request) {
    access.requireWrite(request.projectId());
    ProjectRef project = em().find(ProjectRef.class, request.projectId());
    if (project == null) {
      throw ProblemException.notFound("project", request.projectId());
    }
    if (project.archived) {
      throw ProblemException.conflict(
          "project " + project.key + " is archived; no risk can be registered for it");
    }
    request.requireRules();
    OffsetDateTime now = Times.now();
    Risk r = new Risk();
    r.id = UUID.randomUUID();
    r.projectId = project.projectId;
    r.title = request.title().strip();
    r.description = request.description();
    r.category = request.category();
    r.probability = request.probability();
    r.impact = request.impact();
    r.owner = request.owner() == null ? null : request.owner().strip();
    r.strategy = request.strategy();
    r.costImpact = request.costImpact();
    r.scheduleImpactDays = request.scheduleImpactDays();
    r.milestoneIds =
        request.milestoneIds() == null
            ? new ArrayList<>()
            : new ArrayList<>(request.milestoneIds());
    r.residualProbability = request.residualProbability();
    r.residualImpact = request.residualImpact();
    r.status = RiskStatus.OPEN;
    r.createdAt = now;
    r.updatedAt = now;
    RiskAssessment first = assess(r, now, IDENTIFIED);
    risks.persist(r);
    em().flush();
    assessments.persist(first);
    events.assessed(r);
    return r;
  }

  /** One risk; 404 when there is none or the caller may not read its project. */
  public Risk get(UUID id) {
    Risk r = risks.findById(id);
    if (r == null || !access.canRead(r.projectId)) {
      throw notFound(id);
    }
    return r;
  }

  public Page<Risk> list(UUID projectId, RiskRepository.Filter filter, PageRequest page) {
    requireProject(projectId);
    return risks.ofProject(projectId, filter, page);
  }

  @Transactional
  public Page<RiskAssessment> assessments(UUID id, PageRequest page) {
    get(id);
    return assessments.ofRisk(id, page);
  }

  /** The 5x5 matrix of the project's open risks, every cell present, and the totals per level. */
  @Transactional
  public HeatmapView heatmap(UUID projectId) {
    requireProject(projectId);
    List<List<UUID>> ids = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      ids.add(new ArrayList<>());
    }
    Map<RiskLevel, Long> totals = new EnumMap<>(RiskLevel.class);
    for (RiskLevel level : RiskLevel.values()) {
      totals.put(level, 0L);
    }
    List<Risk> open = risks.openOf(projectId);
    for (Risk r : open) {
      ids.get((r.probability - 1) * 5 + r.impact - 1).add(r.id);
      totals.merge(r.level, 1L, Long::sum);
    }
    List<HeatmapView.Cell> cells = new ArrayList<>();
    for (int p = 1; p <= 5; p++) {
      for (int i = 1; i <= 5; i++) {
        List<UUID> cell = ids.get((p - 1) * 5 + i - 1);
        int score = Scoring.score(p, i);
        cells.add(
            new HeatmapView.Cell(
                p, i, score, Scoring.level(score), cell.size(), List.copyOf(cell)));
      }
    }
    return new HeatmapView(projectId, open.size(), cells, totals);
  }

  /**
   * Σ chance x cost impact and Σ chance x schedule days over the project's open risks, and the
   * schedule days per linked milestone.
   */
  @Transactional
  public ExposureView exposure(UUID projectId) {
    requireProject(projectId);
    BigDecimal cost = BigDecimal.ZERO;
    BigDecimal days = BigDecimal.ZERO;
    Map<UUID, BigDecimal> byMilestone = new HashMap<>();
    List<Risk> open = risks.openOf(projectId);
    for (Risk r : open) {
      BigDecimal chance = Scoring.chance(r.probability);
      if (r.costImpact != null) {
        cost = cost.add(chance.multiply(r.costImpact));
      }
      BigDecimal delay =
          r.scheduleImpactDays == null
              ? BigDecimal.ZERO
              : chance.multiply(BigDecimal.valueOf(r.scheduleImpactDays));
      days = days.add(delay);
      // each linked milestone bears the whole delay, a milestone named twice only once
      for (UUID milestone : new LinkedHashSet<>(r.milestoneIds)) {
        byMilestone.merge(milestone, delay, BigDecimal::add);
      }
    }
    List<ExposureView.MilestoneExposure> milestones =
        byMilestone.entrySet().stream()
            .sorted(
                Comparator.comparing(Map.Entry<UUID, BigDecimal>::getValue)
                    .reversed()
                    .thenComparing(e -> e.getKey().toString()))
            .map(e -> new ExposureView.MilestoneExposure(e.getKey(), Scoring.decimal(e.getValue())))
            .toList();
    return new ExposureView(
        projectId, open.size(), Scoring.decimal(cost), Scoring.decimal(days), milestones);
  }

  @Transactional
  public Risk update(UUID id, String ifMatch, JsonNode patch) {
    Risk r = forChange(id, ifMatch);
    if (r.status == RiskStatus.CLOSED) {
      throw ProblemException.conflict(
          "risk "
              + id
              + " is closed; re-open it with DELETE /api/v1/risks/"
              + id
              + "/closure before changing it");
    }
    RiskPatch current = RiskMapper.toPatchable(r);
    RiskPatch after = mergePatch.apply(current, patch);
    String owner = after.owner() == null ? null : after.owner().strip();
    List<UUID> milestoneIds =
        after.milestoneIds() == null ? List.of() : List.copyOf(after.milestoneIds());
    String reassessed = reassessment(current, after);
    boolean changed =
        reassessed != null
            || !after.title().strip().equals(r.title)
            || !Objects.equals(after.description(), r.description)
            || after.category() != r.category
            || !Objects.equals(owner, r.owner)
            || after.strategy() != r.strategy
            || !sameAmount(after.costImpact(), r.costImpact)
            || !Objects.equals(after.scheduleImpactDays(), r.scheduleImpactDays)
            || !milestoneIds.equals(r.milestoneIds);
    if (!changed) {
      return r;
    }
    OffsetDateTime now = Times.now();
    r.title = after.title().strip();
    r.description = after.description();
    r.category = after.category();
    r.owner = owner;
    r.strategy = after.strategy();
    if (!sameAmount(after.costImpact(), r.costImpact)) {
      r.costImpact = after.costImpact();
    }
    r.scheduleImpactDays = after.scheduleImpactDays();
    if (!milestoneIds.equals(r.milestoneIds)) {
      r.milestoneIds = new ArrayList<>(milestoneIds);
    }
    if (reassessed != null) {
      r.probability = after.probability();
      r.impact = after.impact();
      r.residualProbability = after.residualProbability();
      r.residualImpact = after.residualImpact();
      assessments.persist(assess(r, now, reassessed));
    }
    r.updatedAt = now;
    em().flush();
    events.assessed(r);
    return r;
  }

  @Transactional
  public Risk close(UUID id, String ifMatch, RiskClosure request) {
    Risk r = forChange(id, ifMatch);
    if (r.status == RiskStatus.CLOSED) {
      throw ProblemException.conflict("risk " + id + " is already closed");
    }
    r.status = RiskStatus.CLOSED;
    r.closedReason = request.reason().strip();
    r.updatedAt = Times.now();
    em().flush();
    events.closed(r);
    return r;
  }

  @Transactional
  public Risk reopen(UUID id, String ifMatch) {
    Risk r = forChange(id, ifMatch);
    if (r.status != RiskStatus.CLOSED) {
      throw ProblemException.conflict("risk " + id + " is not closed");
    }
    r.status = RiskStatus.OPEN;
    r.closedReason = null;
    r.updatedAt = Times.now();
    em().flush();
    events.assessed(r);
    return r;
  }

  /**
   * Raises an open SCHEDULE risk for a milestone that ate its buffer (ADR 0028): linked to it, with
   * nobody owning it yet, recorded as {@link #SYSTEM}'s; publishes its assessed event.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Risk raiseForMilestone(
      UUID projectId,
      UUID milestoneId,
      String title,
      String description,
      int probability,
      int impact,
      int scheduleImpactDays,
      String reason) {
    OffsetDateTime now = Times.now();
    Risk r = new Risk();
    r.id = UUID.randomUUID();
    r.projectId = projectId;
    r.title = title;
    r.description = description;
    r.category = RiskCategory.SCHEDULE;
    r.probability = probability;
    r.impact = impact;
    r.scheduleImpactDays = scheduleImpactDays;
    r.milestoneIds = new ArrayList<>(List.of(milestoneId));
    r.raisedByMilestoneId = milestoneId;
    r.status = RiskStatus.OPEN;
    r.createdAt = now;
    r.updatedAt = now;
    RiskAssessment first = assess(r, now, reason, SYSTEM, null);
    risks.persist(r);
    em().flush();
    assessments.persist(first);
    events.assessed(r);
    return r;
  }

  /**
   * Re-assesses an open risk because its milestone got worse (ADR 0028): probability and impact
   * never go down here, the schedule impact becomes the milestone's; one assessment, one event.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void escalateForMilestone(
      Risk r, int probability, int impact, int scheduleImpactDays, String reason) {
    OffsetDateTime now = Times.now();
    r.probability = Math.max(r.probability, probability);
    r.impact = Math.max(r.impact, impact);
    r.scheduleImpactDays = scheduleImpactDays;
    assessments.persist(assess(r, now, reason, SYSTEM, null));
    r.updatedAt = now;
    em().flush();
    events.assessed(r);
  }

  /** Closes an open risk its milestone no longer warrants (ADR 0028); publishes closed. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void closeForMilestone(Risk r, String reason) {
    r.status = RiskStatus.CLOSED;
    r.closedReason = reason;
    r.updatedAt = Times.now();
    em().flush();
    events.closed(r);
  }

  /**
   * Sets score and level from probability and impact; returns the assessment to record, which the
   * caller persists once the risk's row exists.
   */
  private RiskAssessment assess(Risk r, OffsetDateTime now, String reason) {
    return assess(r, now, reason, caller.userId(), caller.apiKeyId().orElse(null));
  }

  private static RiskAssessment assess(
      Risk r, OffsetDateTime now, String reason, String by, UUID apiKeyId) {
    r.score = Scoring.score(r.probability, r.impact);
    r.level = Scoring.level(r.score);
    r.lastAssessedAt = now;
    RiskAssessment a = new RiskAssessment();
    a.riskId = r.id;
    a.projectId = r.projectId;
    a.probability = r.probability;
    a.impact = r.impact;
    a.score = r.score;
    a.level = r.level;
    a.residualProbability = r.residualProbability;
    a.residualImpact = r.residualImpact;
    a.residualScore = RiskMapper.residualScore(r);
    a.residualLevel = RiskMapper.residualLevel(r);
    a.assessedAt = now;
    a.assessedBy = by;
    a.apiKeyId = apiKeyId;
    a.reason = reason;
    return a;
  }

  /** What a patch re-assesses, e.g. "probability 3 -> 4, impact 2 -> 5", or null for nothing. */
  static String reassessment(RiskPatch before, RiskPatch after) {
    List<String> changes = new ArrayList<>();
    change(changes, "probability", before.probability(), after.probability());
    change(changes, "impact", before.impact(), after.impact());
    change(
        changes, "residualProbability", before.residualProbability(), after.residualProbability());
    change(changes, "residualImpact", before.residualImpact(), after.residualImpact());
    return changes.isEmpty() ? null : String.join(", ", changes);
  }

  private static void change(List<String> changes, String field, Integer was, Integer is) {
    if (!Objects.equals(was, is)) {
      changes.add(field + " " + (was == null ? "none" : was) + " -> " + (is == null ? "none" : is));
    }
  }

  /** Amounts compared as numbers: 25000 is 25000.0000. */
  private static boolean sameAmount(BigDecimal a, BigDecimal b) {
    return a == null || b == null ? a == b : a.compareTo(b) == 0;
  }

  private void requireProject(UUID projectId) {
    access.requireRead(projectId);
    if (em().find(ProjectRef.class, projectId) == null) {
      throw ProblemException.notFound("project", projectId);
    }
  }

  /** The risk to change, locked, after its access and its ETag are checked. */
  private Risk forChange(UUID id, String ifMatch) {
    UUID projectId = risks.projectOf(id).filter(access::canRead).orElseThrow(() -> notFound(id));
    access.requireWrite(projectId);
    Risk r = em().find(Risk.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (r == null) {
      throw notFound(id);
    }
    Preconditions.requireIfMatch(ifMatch, r.version);
    return r;
  }

  private static ProblemException notFound(UUID id) {
    return ProblemException.notFound("risk", id);
  }
}
