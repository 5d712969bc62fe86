package io.tollgate.project.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.project.mapping.LifecycleMapper;
import io.tollgate.project.mapping.ProjectMapper;
import io.tollgate.project.messaging.PhaseChangedData;
import io.tollgate.project.messaging.ProjectEvents;
import io.tollgate.project.model.GateBoundary;
import io.tollgate.project.model.GateRule;
import io.tollgate.project.model.Methodology;
import io.tollgate.project.model.Phase;
import io.tollgate.project.model.PhaseTransition;
import io.tollgate.project.model.Project;
import io.tollgate.project.model.TransitionKind;
import io.tollgate.project.repository.GateRuleRepository;
import io.tollgate.project.repository.MilestoneRefRepository;
import io.tollgate.project.repository.PhaseTransitionRepository;
import io.tollgate.project.repository.ProjectRepository;
import io.tollgate.project.repository.RiskRefRepository;
import io.tollgate.project.rest.GateCriterionResult;
import io.tollgate.project.rest.PhaseTransitionRequest;
import io.tollgate.project.rest.ProjectView;
import io.tollgate.rest.Page;
import io.tollgate.rest.PageRequest;
import io.tollgate.rest.PinnedPage;
import io.tollgate.rest.Preconditions;
import io.tollgate.rest.Problem;
import io.tollgate.rest.ProblemException;
import io.tollgate.rest.ProblemType;
import io.tollgate.security.Caller;
import io.tollgate.security.ProjectAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The project lifecycle: which phase changes are possible, and the gates a move must pass, checked
 * against the read models of milestones and risks.
 */
@ApplicationScoped
public class LifecycleService {

  private final ProjectService projects;
  private final ProjectRepository projectRows;
  private final PhaseTransitionRepository transitions;
  private final GateRuleRepository rules;
  private final MilestoneRefRepository milestones;
  private final RiskRefRepository risks;
  private final ProjectEvents events;
  private final History history;
  private final Caller caller;
  private final ProjectAccess access;
  private final HealthService health;
  private final ObjectMapper mapper;

  LifecycleService(
      ProjectService projects,
      ProjectRepository projectRows,
      PhaseTransitionRepository transitions,
      GateRuleRepository rules,
      MilestoneRefRepository milestones,
      RiskRefRepository risks,
      ProjectEvents events,
      History history,
      Caller caller,
      ProjectAccess access,
      HealthService health,
      ObjectMapper mapper) {
    this.projects = projects;
    this.projectRows = projectRows;
    this.transitions = transitions;
    this.rules = rules;
    this.milestones = milestones;
    this.risks = risks;
    this.events = events;
    this.history = history;
    this.caller = caller;
    this.access = access;
    this.health = health;
    this.mapper = mapper;
  }

  /** A gate check of a project: each rule of its methodology with its verdict. */
  public record GateCheck(Project project, Phase nextPhase, List<Gates.Outcome> outcomes) {
    /** False for an archived project too: it accepts no transition, whatever its gates say. */
    public boolean nextPhasePasses() {
      return nextPhase != null
          && !project.archived
          && outcomes.stream()
              .filter(o -> o.rule().guards(project.phase, nextPhase))
              .allMatch(Gates.Outcome::met);
    }
  }

  /**
   * Refuses a move the caller may not ask for, whatever the project's state: ending a project
   * (CLOSED, CANCELLED) is its OWNERs' decision, and only an ADMIN overrides a gate. The resource
   * also asks before replaying a stored answer, so that a caller who has since lost the right gets
   * no 201 for it.
   */
  public void authorize(UUID projectId, PhaseTransitionRequest request) {
    if (request.to() != null && request.to().isTerminal()) {
      // nothing follows CLOSED or CANCELLED, and nobody can undo it: the project's owners decide
      access.requireOwner(projectId);
    }
    if (blankToNull(request.overrideJustification()) != null && !caller.isAdmin()) {
      throw new ProblemException(ProblemType.FORBIDDEN, "only an ADMIN may override a phase gate");
    }
  }

  /**
   * Moves a project to {@code request.to()}. Forward moves pass the gates of the phase left and the
   * phase entered, moves back the gates of the phase entered; an ADMIN may let them pass unmet
   * criteria with a justification.
   *
   * @param ifMatch optional: when sent, it must name the project's current version
   */
  @Transactional
  public PhaseTransition transition(
      UUID projectId, String ifMatch, PhaseTransitionRequest request) {
    Project p = projects.lock(projectId);
    if (ifMatch != null) {
      Preconditions.requireIfMatch(ifMatch, p.version);
    }
    if (p.archived) {
      throw refused(p, request.to(), "project " + p.key + " is archived and cannot be changed");
    }
    authorize(projectId, request);
    String justification = blankToNull(request.overrideJustification());
    List<Problem.Violation> rules = request.ruleViolations();
    if (!rules.isEmpty()) {
      throw new ProblemException(
          ProblemType.VALIDATION,
          "overriddenRuleIds names what an override is for: send it with overrideJustification",
          rules,
          Map.of());
    }
    Phase from = p.phase;
    Phase to = request.to();
    TransitionKind kind = kindOf(p, to);
    List<Gates.Outcome> unmet =
        evaluate(p, rulesChecked(p.methodology, kind, from, to)).stream()
            .filter(o -> !o.met())
            .toList();
    List<GateCriterionResult> unmetResults = unmet.stream().map(LifecycleMapper::toResult).toList();
    // an override covers what its author saw: with the rule ids named, any other unmet criterion
    // (one that became unmet since, say a risk rated CRITICAL meanwhile) refuses the transition
    List<GateCriterionResult> unseen =
        request.overriddenRuleIds() == null
            ? List.of()
            : unmetResults.stream()
                .filter(r -> !request.overriddenRuleIds().contains(r.ruleId()))
                .toList();
    if (justification != null && !unseen.isEmpty()) {
      throw gateRefusal(
          from,
          to,
          unseen,
          unseen.size()
              + " unmet gate criteria are not among overriddenRuleIds ("
              + unseen.stream().map(GateCriterionResult::ruleId).collect(Collectors.joining(", "))
              + "); read the gates again and name them to override them too");
    }
    if (!unmet.isEmpty() && justification == null) {
      throw gateRefusal(
          from,
          to,
          unmetResults,
          unmet.size()
              + " gate criteria are not met"
              + (caller.isAdmin() ? " (an ADMIN may override with a justification)" : ""));
    }
    if (to.isTerminal()) {
      // its health is no longer rated from here on: the last rating is the one as it ends
      health.reassess(p.id);
    }
    ProjectView before = ProjectMapper.toView(p);
    p.phase = to;
    p.heldPhase = kind == TransitionKind.HOLD ? from : null;
    p.updatedAt = Times.now();
    projectRows.flush();

    PhaseTransition t = new PhaseTransition();
    t.id = UUID.randomUUID();
    t.projectId = p.id;
    t.fromPhase = from;
    t.toPhase = to;
    t.kind = kind;
    t.reason = request.reason().strip();
    // an override is what let unmet criteria pass: a justification sent when every gate was met
    // (or on a move no gate guards) overrode nothing, and the record must not say it did
    String override = unmet.isEmpty() ? null : justification;
    t.overrideJustification = override;
    t.overriddenCriteria = override == null ? null : json(unmetResults);
    t.actor = caller.userId();
    t.occurredAt = p.updatedAt;
    t.projectVersion = p.version;
    transitions.persist(t);

    ProjectView after = ProjectMapper.toView(p);
    // the history keeps why the phase changed, and who overrode which gate criteria, beside the
    // project's state: the entry's "after" is the project as it then was plus its "transition"
    history.record(
        p.id,
        History.Action.PHASE_CHANGED,
        History.Entity.PHASE_TRANSITION,
        t.id,
        before,
        after,
        after,
        "transition",
        LifecycleMapper.toView(t, mapper));
    events.phaseChanged(
        p,
        new PhaseChangedData(
            ProjectMapper.toEvent(p, null),
            t.id,
            from.name(),
            to.name(),
            kind.name(),
            t.reason,
            t.actor,
            override == null
                ? null
                : new PhaseChangedData.Override(
                    t.actor,
                    override,
                    unmet.stream()
                        .map(
                            o ->
                                new PhaseChangedData.Criterion(
                                    o.rule().id,
                                    o.rule().criterion.name(),
                                    o.message(),
                                    o.milestoneIds(),
                                    o.riskIds()))
                        .toList())));
    return t;
  }

  /** Every gate rule of the project's methodology, checked now. */
  public GateCheck check(UUID projectId) {
    Project p = projects.get(projectId);
    return new GateCheck(p, p.phase.next(), evaluate(p, rules.of(p.methodology)));
  }

  public Page<GateRule> rules(Methodology methodology, PageRequest page) {
    return rules.search(methodology, page);
  }

  public PinnedPage<PhaseTransition> transitions(
      UUID projectId, Long beforeVersion, PageRequest page) {
    projects.get(projectId);
    return transitions.ofProject(projectId, beforeVersion, page);
  }

  public PhaseTransition transition(UUID projectId, UUID transitionId) {
    projects.get(projectId);
    return transitions
        .ofProject(projectId, transitionId)
        .orElseThrow(() -> ProblemException.notFound("phase transition", transitionId));
  }

  /**
   * The rules a move must pass: advancing, the exit rules of the phase left and the entry rules of
   * the phase entered; going back (REWORK, e.g. MAINTENANCE to DEPLOYMENT to redeploy) and resuming
   * the held phase (RESUME, e.g. a release held in DEPLOYMENT), the entry rules of the phase
   * entered, which they enter as surely: a CRITICAL risk opened while a release was on hold blocks
   * its resumption as it would block a first deployment; holding and cancelling, none.
   */
  private List<GateRule> rulesChecked(
      Methodology methodology, TransitionKind kind, Phase from, Phase to) {
    return switch (kind) {
      case ADVANCE -> rules.of(methodology).stream().filter(r -> r.guards(from, to)).toList();
      case REWORK, RESUME ->
          rules.of(methodology).stream()
              .filter(r -> r.boundary == GateBoundary.ENTRY && r.phase == to)
              .toList();
      default -> List.of();
    };
  }

  private List<Gates.Outcome> evaluate(Project p, List<GateRule> gateRules) {
    Gates.Facts facts =
        new Gates.Facts(p.hasBudget(), milestones.ofProject(p.id), risks.openOfProject(p.id));
    return gateRules.stream().map(r -> Gates.evaluate(r, facts)).toList();
  }

  /** What moving from the project's phase to {@code to} is, or a 409 saying why it cannot be. */
  static TransitionKind kindOf(Project p, Phase to) {
    Phase from = p.phase;
    if (to == from) {
      throw refused(p, to, "the project is already in " + from);
    }
    if (from.isTerminal()) {
      throw refused(p, to, "the project is " + from + "; nothing follows");
    }
    if (to == Phase.CANCELLED) {
      return TransitionKind.CANCEL;
    }
    if (from == Phase.ON_HOLD) {
      if (to == p.heldPhase) {
        return TransitionKind.RESUME;
      }
      throw refused(p, to, "a project on hold resumes into " + p.heldPhase + " (or is cancelled)");
    }
    if (to == Phase.ON_HOLD) {
      return TransitionKind.HOLD;
    }
    if (to.ordinal() < from.ordinal()) {
      return TransitionKind.REWORK;
    }
    if (to == from.next()) {
      return TransitionKind.ADVANCE;
    }
    throw refused(p, to, "phases are not skipped: after " + from + " comes " + from.next());
  }

  /** The phases the project can be moved to now. */
  static List<Phase> allowedTargets(Project p) {
    List<Phase> allowed = new ArrayList<>();
    Phase from = p.phase;
    if (from.isTerminal() || p.archived) {
      return allowed;
    }
    if (from == Phase.ON_HOLD) {
      allowed.add(p.heldPhase);
    } else {
      if (from.next() != null) {
        allowed.add(from.next());
      }
      for (Phase earlier : Phase.values()) {
        if (earlier.ordinal() < from.ordinal()) {
          allowed.add(earlier);
        }
      }
      allowed.add(Phase.ON_HOLD);
    }
    allowed.add(Phase.CANCELLED);
    return allowed;
  }

  private static ProblemException refused(Project p, Phase to, String why) {
    Map<String, Object> extensions = new LinkedHashMap<>();
    extensions.put("from", p.phase);
    extensions.put("to", to);
    extensions.put("allowedTargets", allowedTargets(p));
    return new ProblemException(
        ProblemType.CONFLICT,
        p.phase + " -> " + to + " is not a valid transition: " + why,
        List.of(),
        extensions);
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A 409 for a transition the gates refuse, listing the criteria that refuse it. */
  private static ProblemException gateRefusal(
      Phase from, Phase to, List<GateCriterionResult> criteria, String why) {
    Map<String, Object> extensions = new LinkedHashMap<>();
    extensions.put("from", from);
    extensions.put("to", to);
    extensions.put("unmetCriteria", criteria);
    return new ProblemException(
        ProblemType.CONFLICT, from + " -> " + to + " is refused: " + why, List.of(), extensions);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
