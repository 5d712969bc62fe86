package io.tollgate.project.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.project.model.GateBoundary;
import io.tollgate.project.model.GateCriterion;
import io.tollgate.project.model.GateRule;
import io.tollgate.project.model.Methodology;
import io.tollgate.project.model.MilestoneRef;
import io.tollgate.project.model.Phase;
import io.tollgate.project.model.Project;
import io.tollgate.project.model.RiskRef;
import io.tollgate.project.model.TransitionKind;
import io.tollgate.rest.ProblemException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Transition rules and gate criteria, without Quarkus. */
class LifecycleRulesTest {

  static Project in(Phase phase) {
    Project p = new Project();
    p.phase = phase;
    p.methodology = Methodology.WATERFALL;
    return p;
  }

  static GateRule rule(GateBoundary boundary, Phase phase, GateCriterion criterion, String param) {
    GateRule r = new GateRule();
    r.id = "test." + criterion;
    r.boundary = boundary;
    r.phase = phase;
    r.criterion = criterion;
    r.parameter = param;
    r.description = criterion.name();
    return r;
  }

  static MilestoneRef milestone(String kind, String status) {
    MilestoneRef m = new MilestoneRef();
    m.milestoneId = UUID.randomUUID();
    m.kind = kind;
    m.status = status;
    return m;
  }

  static RiskRef risk(String level, String status) {
    RiskRef r = new RiskRef();
    r.riskId = UUID.randomUUID();
    r.level = level;
    r.status = status;
    return r;
  }

  @Test
  void forwardOnlyToTheNextPhaseBackToAnyEarlierOne() {
    assertEquals(
        TransitionKind.ADVANCE, LifecycleService.kindOf(in(Phase.TESTING), Phase.DEPLOYMENT));
    assertEquals(
        TransitionKind.REWORK, LifecycleService.kindOf(in(Phase.TESTING), Phase.EXECUTION));
    assertEquals(
        TransitionKind.REWORK, LifecycleService.kindOf(in(Phase.MAINTENANCE), Phase.INITIATION));
    ProblemException skip =
        assertThrows(
            ProblemException.class,
            () -> LifecycleService.kindOf(in(Phase.EXECUTION), Phase.DEPLOYMENT));
    assertTrue(skip.getMessage().contains("after EXECUTION comes TESTING"), skip.getMessage());
    assertEquals(
        List.of(Phase.TESTING, Phase.INITIATION, Phase.PLANNING, Phase.ON_HOLD, Phase.CANCELLED),
        skip.extensions().get("allowedTargets"));
  }

  @Test
  void holdResumeCancelAndTheTerminalPhases() {
    assertEquals(TransitionKind.HOLD, LifecycleService.kindOf(in(Phase.EXECUTION), Phase.ON_HOLD));
    Project held = in(Phase.ON_HOLD);
    held.heldPhase = Phase.EXECUTION;
    assertEquals(TransitionKind.RESUME, LifecycleService.kindOf(held, Phase.EXECUTION));
    assertEquals(TransitionKind.CANCEL, LifecycleService.kindOf(held, Phase.CANCELLED));
    assertThrows(ProblemException.class, () -> LifecycleService.kindOf(held, Phase.TESTING));
    assertThrows(ProblemException.class, () -> LifecycleService.kindOf(held, Phase.ON_HOLD));
    assertThrows(
        ProblemException.class, () -> LifecycleService.kindOf(in(Phase.CLOSED), Phase.MAINTENANCE));
    assertThrows(
        ProblemException.class,
        () -> LifecycleService.kindOf(in(Phase.CANCELLED), Phase.INITIATION));
    assertEquals(
        TransitionKind.CANCEL, LifecycleService.kindOf(in(Phase.INITIATION), Phase.CANCELLED));
    assertEquals(List.of(), LifecycleService.allowedTargets(in(Phase.CLOSED)));
  }

  @Test
  void exitRulesGuardLeavingAPhaseAndEntryRulesEnteringIt() {
    GateRule exit = rule(GateBoundary.EXIT, Phase.PLANNING, GateCriterion.BUDGET_SET, null);
    GateRule entry =
        rule(GateBoundary.ENTRY, Phase.DEPLOYMENT, GateCriterion.NO_OPEN_RISK, "CRITICAL");
    assertTrue(exit.guards(Phase.PLANNING, Phase.EXECUTION));
    assertFalse(exit.guards(Phase.INITIATION, Phase.PLANNING));
    assertTrue(entry.guards(Phase.TESTING, Phase.DEPLOYMENT));
    assertFalse(entry.guards(Phase.DEPLOYMENT, Phase.MAINTENANCE));
  }

  @Test
  void milestonesOfTheNamedKindsMustBeCompletedAndTheBlockingOnesAreNamed() {
    GateRule r =
        rule(
            GateBoundary.ENTRY,
            Phase.DEPLOYMENT,
            GateCriterion.MILESTONES_COMPLETED,
            "SECURITY_AUDIT, USER_ACCEPTANCE_TESTING");
    MilestoneRef audit = milestone("SECURITY_AUDIT", "COMPLETED");
    MilestoneRef uat = milestone("USER_ACCEPTANCE_TESTING", "LATE");
    MilestoneRef other = milestone("CODE_FREEZE", "PLANNED");
    Gates.Outcome o =
        Gates.evaluate(r, new Gates.Facts(true, List.of(audit, uat, other), List.of()));
    assertFalse(o.met());
    assertEquals(List.of(uat.milestoneId), o.milestoneIds());
    // no milestone of those kinds: nothing to wait for
    assertTrue(Gates.evaluate(r, new Gates.Facts(true, List.of(other), List.of())).met());
  }

  @Test
  void openRisksOfTheNamedLevelsBlockClosedOnesDoNot() {
    GateRule r = rule(GateBoundary.ENTRY, Phase.DEPLOYMENT, GateCriterion.NO_OPEN_RISK, "CRITICAL");
    RiskRef open = risk("CRITICAL", "OPEN");
    RiskRef closed = risk("CRITICAL", "CLOSED");
    RiskRef high = risk("HIGH", "OPEN");
    Gates.Outcome o =
        Gates.evaluate(r, new Gates.Facts(true, List.of(), List.of(open, closed, high)));
    assertFalse(o.met());
    assertEquals(List.of(open.riskId), o.riskIds());
    assertEquals("1 open risk(s) rated CRITICAL", o.message());
  }

  @Test
  void planningNeedsAMilestoneAndABudgetClosingNeedsEveryMilestoneDone() {
    GateRule planned =
        rule(GateBoundary.EXIT, Phase.PLANNING, GateCriterion.MILESTONE_PLANNED, null);
    GateRule budget = rule(GateBoundary.EXIT, Phase.PLANNING, GateCriterion.BUDGET_SET, null);
    GateRule closing =
        rule(GateBoundary.ENTRY, Phase.CLOSED, GateCriterion.NO_OPEN_MILESTONE, null);
    Gates.Facts empty = new Gates.Facts(false, List.of(), List.of());
    assertFalse(Gates.evaluate(planned, empty).met());
    assertFalse(Gates.evaluate(budget, empty).met());
    assertTrue(Gates.evaluate(closing, empty).met());
    MilestoneRef unknownStatus = milestone("CUSTOM", "SOMETHING_NEW");
    Gates.Outcome o =
        Gates.evaluate(closing, new Gates.Facts(true, List.of(unknownStatus), List.of()));
    assertFalse(o.met(), "a status the reader does not know counts as open");
    assertEquals(List.of(unknownStatus.milestoneId), o.milestoneIds());
  }
}
