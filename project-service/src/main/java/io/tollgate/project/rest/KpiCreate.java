package io.tollgate.project.rest;

import io.tollgate.project.model.KpiDirection;
import io.tollgate.project.service.KpiService;
import io.tollgate.rest.CrossFieldRules;
import io.tollgate.rest.Lengths;
import io.tollgate.rest.Problem;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "KpiCreate",
    description = "A KPI to track: its unit, its target and which way is better",
    example =
        "{\"name\":\"Uptime\",\"unit\":\"%\",\"target\":99.9,\"direction\":\"HIGHER_IS_BETTER\","
            + "\"description\":\"Monthly availability of the CRM\"}")
public record KpiCreate(
    @NotBlank
        @Size(max = 200, message = Lengths.REQUIRED)
        @Schema(description = "Unique within the project")
        String name,
    @NotBlank @Size(max = 50, message = Lengths.REQUIRED) String unit,
    @NotNull
        @Schema(
            description =
                "Decimal: at most 15 significant digits, 18 integer digits and 6 decimals")
        BigDecimal target,
    @NotNull KpiDirection direction,
    @Size(max = 1000, message = Lengths.AT_MOST) String description)
    implements CrossFieldRules {

  /** The target's digits, which no field constraint can say. */
  @Override
  public List<Problem.Violation> ruleViolations() {
    return KpiService.decimalProblems("target", target);
  }
}
