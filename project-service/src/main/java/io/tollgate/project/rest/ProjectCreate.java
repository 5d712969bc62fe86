package io.tollgate.project.rest;

import io.tollgate.project.model.Methodology;
import io.tollgate.project.service.ProjectService;
import io.tollgate.rest.CrossFieldRules;
import io.tollgate.rest.Lengths;
import io.tollgate.rest.Problem;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "ProjectCreate",
    description = "A new project; it starts in phase INITIATION and its creator is its OWNER",
    example =
        "{\"key\":\"CRM\",\"name\":\"CRM replacement\",\"description\":\"Replace the legacy CRM\","
            + "\"methodology\":\"AGILE\",\"startDate\":\"2026-01-05\",\"targetDate\":\"2026-09-30\","
            + "\"budget\":{\"amount\":\"250000.00\",\"currency\":\"EUR\"}}")
public record ProjectCreate(
    @Schema(
            description =
                "Unique short key: 2-10 capital letters or digits, starting with a letter")
        @NotBlank
        @Pattern(
            regexp = "^[A-Z][A-Z0-9]{1,9}$",
            message = "must be 2-10 capital letters or digits, starting with a letter")
        String key,
    @NotBlank @Size(max = 200, message = Lengths.REQUIRED) String name,
    @Size(max = 4000, message = Lengths.AT_MOST) String description,
    @NotNull Methodology methodology,
    LocalDate startDate,
    LocalDate targetDate,
    @Schema(description = "Budget at completion (BAC); optional until the project leaves PLANNING")
        MoneyInput budget)
    implements CrossFieldRules {

  @Override
  public List<Problem.Violation> ruleViolations() {
    return ProjectService.rules(startDate, targetDate, budget);
  }
}
