package io.tollgate.project.rest;

import io.tollgate.project.model.Methodology;
import io.tollgate.project.service.ProjectService;
import io.tollgate.rest.CrossFieldRules;
import io.tollgate.rest.Lengths;
import io.tollgate.rest.Problem;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The fields of a project a client may change; anything else in a merge patch is refused. */
@Schema(
    name = "ProjectPatch",
    description =
        "JSON merge patch (RFC 7386) of a project's writable fields; null clears an optional field",
    example =
        "{\"name\":\"CRM replacement (phase 1)\",\"targetDate\":\"2026-10-31\","
            + "\"budget\":{\"amount\":\"275000.00\"}}")
public record ProjectPatch(
    @NotBlank @Size(max = 200, message = Lengths.REQUIRED) String name,
    @Size(max = 4000, message = Lengths.AT_MOST)
        @Schema(nullable = true, description = "null removes it")
        String description,
    @NotNull Methodology methodology,
    @Schema(nullable = true, description = "null removes it") LocalDate startDate,
    @Schema(nullable = true, description = "null removes it") LocalDate targetDate,
    @Schema(
            implementation = MoneyInput.Patch.class,
            nullable = true,
            description =
                "Budget at completion (BAC); an amount or currency left out keeps the current one"
                    + " (a project without a budget needs both). null removes it, unless the"
                    + " project has left PLANNING or ended, or its milestones carry planned values"
                    + " (409)")
        MoneyInput budget)
    implements CrossFieldRules {

  /**
   * The project's rules, on the patched project: its dates in order, its budget in its decimals.
   */
  @Override
  public List<Problem.Violation> ruleViolations() {
    return ProjectService.rules(startDate, targetDate, budget);
  }

  /** As stored: the name without surrounding spaces, so that adding some changes nothing. */
  public ProjectPatch normalized() {
    return new ProjectPatch(
        name == null ? null : name.strip(),
        description,
        methodology,
        startDate,
        targetDate,
        budget);
  }
}
