package io.tollgate.project.service;

import io.tollgate.project.model.GateRule;
import io.tollgate.project.model.MilestoneRef;
import io.tollgate.project.model.RiskRef;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Evaluates gate rules against what project-service knows of a project; no I/O. */
public final class Gates {

  private Gates() {}

  /**
   * What a gate check sees.
   *
   * @param milestones the project's milestones (not deleted)
   * @param risks the project's risks (closed ones are ignored)
   */
  public record Facts(boolean budgetSet, List<MilestoneRef> milestones, List<RiskRef> risks) {}

  /** The verdict of one rule, with the milestones or risks that keep it from being met. */
  public record Outcome(
      GateRule rule, boolean met, String message, List<UUID> milestoneIds, List<UUID> riskIds) {}

  public static Outcome evaluate(GateRule rule, Facts facts) {
    return switch (rule.criterion) {
      case MILESTONE_PLANNED ->
          facts.milestones().isEmpty()
              ? unmet(rule, "no milestone is planned yet", List.of(), List.of())
              : met(rule, facts.milestones().size() + " milestone(s) planned");
      case BUDGET_SET ->
          facts.budgetSet()
              ? met(rule, "a budget is set")
              : unmet(rule, "no budget is set", List.of(), List.of());
      case MILESTONES_COMPLETED -> {
        Set<String> kinds = Set.copyOf(rule.parameterValues());
        List<UUID> blocking =
            facts.milestones().stream()
                .filter(m -> kinds.contains(m.kind) && !m.completed())
                .map(m -> m.milestoneId)
                .toList();
        yield blocking.isEmpty()
            ? met(
                rule,
                "every " + String.join(" and ", rule.parameterValues()) + " milestone is completed")
            : unmet(
                rule,
                blocking.size()
                    + " "
                    + String.join(" or ", rule.parameterValues())
                    + " milestone(s) not completed",
                blocking,
                List.of());
      }
      case NO_OPEN_RISK -> {
        Set<String> levels = Set.copyOf(rule.parameterValues());
        List<UUID> blocking =
            facts.risks().stream()
                .filter(r -> r.open() && levels.contains(r.level))
                .map(r -> r.riskId)
                .toList();
        yield blocking.isEmpty()
            ? met(rule, "no open " + String.join(" or ", rule.parameterValues()) + " risk")
            : unmet(
                rule,
                blocking.size()
                    + " open risk(s) rated "
                    + String.join(" or ", rule.parameterValues()),
                List.of(),
                blocking);
      }
      case NO_OPEN_MILESTONE -> {
        List<UUID> blocking =
            facts.milestones().stream()
                .filter(m -> !m.completed())
                .map(m -> m.milestoneId)
                .toList();
        yield blocking.isEmpty()
            ? met(rule, "every milestone is completed")
            : unmet(rule, blocking.size() + " milestone(s) still open", blocking, List.of());
      }
    };
  }

  private static Outcome met(GateRule rule, String message) {
    return new Outcome(rule, true, message, List.of(), List.of());
  }

  private static Outcome unmet(
      GateRule rule, String message, List<UUID> milestoneIds, List<UUID> riskIds) {
    return new Outcome(rule, false, message, milestoneIds, riskIds);
  }
}
