package io.tollgate.rest;

import java.util.List;

/**
 * A request body with rules that span its fields (an end date not before its start, an amount in
 * the currency's decimals), which bean validation's field constraints cannot say. When a field
 * constraint fails, the 400 lists these violations too ({@link ProblemMappers}), so that a form
 * learns everything wrong with it in one answer rather than one round trip at a time; when the
 * field constraints pass, the service checks the same rules before it changes anything.
 */
public interface CrossFieldRules {

  /**
   * What breaks the body's rules, each naming its field; empty when nothing does. Fields that
   * failed their own constraints may be null here, and a rule that needs them says nothing.
   */
  List<Problem.Violation> ruleViolations();

  /** Refuses the body with a 400 naming every rule it breaks. */
  default void requireRules() {
    List<Problem.Violation> violations = ruleViolations();
    if (!violations.isEmpty()) {
      throw ProblemException.invalid(violations);
    }
  }
}
