package io.tollgate.project.rest;

import io.tollgate.project.model.Phase;
import io.tollgate.rest.CrossFieldRules;
import io.tollgate.rest.Lengths;
import io.tollgate.rest.Problem;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "PhaseTransitionRequest",
    description =
        "Move the project to another phase: the next lifecycle phase (through its gates), back to"
            + " an earlier one (rework, through that phase's entry gate), ON_HOLD, back from ON_HOLD"
            + " (resume, through the held phase's entry gate) or CANCELLED. An ADMIN"
            + " may pass unmet gates with an overrideJustification.",
    example =
        "{\"to\":\"EXECUTION\",\"reason\":\"Plan approved by the steering committee on 2026-02-10\"}")
public record PhaseTransitionRequest(
    @NotNull @Schema(description = "The target phase") Phase to,
    @NotBlank
        @Size(max = 2000, message = Lengths.REQUIRED)
        @Schema(description = "Why; kept in the history and the event")
        String reason,
    @Size(max = 2000, message = Lengths.AT_MOST)
        @Schema(
            description =
                "ADMIN only: why the transition may pass although gate criteria are unmet;"
                    + " recorded with the criteria it overrode")
        String overrideJustification,
    @Size(max = 100, message = Lengths.ITEMS)
        @Schema(
            description =
                "ADMIN only, with overrideJustification: the ruleIds of the unmet criteria the"
                    + " override is meant for, as GET /gates or a refusal's unmetCriteria listed"
                    + " them. When sent, a criterion unmet now but not named here (one that became"
                    + " unmet since they were read) refuses the transition with 409, instead of"
                    + " being overridden unseen. Without it, the override covers every unmet"
                    + " criterion.",
            examples = "[\"agile.enter-deployment.audits\"]")
        List<@NotBlank @Size(max = 200, message = Lengths.REQUIRED) String> overriddenRuleIds)
    implements CrossFieldRules {

  /** overriddenRuleIds names what an override is for, so it comes with a justification. */
  @Override
  public List<Problem.Violation> ruleViolations() {
    if (overriddenRuleIds == null
        || (overrideJustification != null && !overrideJustification.isBlank())) {
      return List.of();
    }
    return List.of(
        overrideJustification == null
            ? new Problem.Violation(
                "overriddenRuleIds", "may only be sent with overrideJustification")
            // one was sent, but blank: say what is wrong with it
            : new Problem.Violation(
                "overrideJustification", "must not be blank when overriddenRuleIds is sent"));
  }
}
