package io.tollgate.risk.service;

import io.tollgate.rest.Decimals;
import io.tollgate.rest.Problem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** The rules of a risk's fields that span more than one field's own constraint. */
public final class RiskRules {

  public static final int MAX_SCHEDULE_DAYS = 3650;
  public static final int MAX_MILESTONES = 100;

  private RiskRules() {}

  /** Everything a risk's values break, each naming its field; empty when nothing does. */
  public static List<Problem.Violation> problems(
      String owner, BigDecimal costImpact, Integer residualProbability, Integer residualImpact) {
    List<Problem.Violation> violations = new ArrayList<>();
    if (owner != null && owner.isBlank()) {
      violations.add(new Problem.Violation("owner", "must not be blank; leave it out for nobody"));
    }
    violations.addAll(costProblems("costImpact", costImpact));
    if (residualProbability == null && residualImpact != null) {
      violations.add(
          new Problem.Violation(
              "residualProbability", "is required with residualImpact (both or neither)"));
    }
    if (residualImpact == null && residualProbability != null) {
      violations.add(
          new Problem.Violation(
              "residualImpact", "is required with residualProbability (both or neither)"));
    }
    return violations;
  }

  /** What a cost breaks (>= 0, numeric(19, 4)); nothing for null. */
  static List<Problem.Violation> costProblems(String field, BigDecimal value) {
    return Decimals.nonNegativeProblems(field, value);
  }
}
