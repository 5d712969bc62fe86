package io.tollgate.risk.rest;

import io.tollgate.rest.CrossFieldRules;
import io.tollgate.rest.Lengths;
import io.tollgate.rest.Problem;
import io.tollgate.risk.model.RiskCategory;
import io.tollgate.risk.model.RiskStrategy;
import io.tollgate.risk.service.RiskRules;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "RiskPatch",
    description =
        "JSON merge patch (RFC 7386) of a risk's writable fields (all but projectId). A change of"
            + " probability, impact or the residuals is a re-assessment; null clears an optional"
            + " field",
    example = "{\"probability\":2,\"strategy\":\"MITIGATE\",\"owner\":\"bob\"}")
public record RiskPatch(
    @NotBlank @Size(max = 300, message = Lengths.REQUIRED) String title,
    @Size(max = 4000, message = Lengths.AT_MOST) @Schema(nullable = true) String description,
    @NotNull RiskCategory category,
    @NotNull @Min(1) @Max(5) Integer probability,
    @NotNull @Min(1) @Max(5) Integer impact,
    @Size(max = 200, message = Lengths.AT_MOST) @Schema(nullable = true) String owner,
    @Schema(nullable = true) RiskStrategy strategy,
    @Schema(
            nullable = true,
            type = SchemaType.STRING,
            pattern = "^[0-9]+(\\.[0-9]+)?$",
            description = "A decimal >= 0 as a string (a JSON number is read too); null clears it")
        BigDecimal costImpact,
    @Min(0) @Max(RiskRules.MAX_SCHEDULE_DAYS) @Schema(nullable = true) Integer scheduleImpactDays,
    @Size(max = RiskRules.MAX_MILESTONES)
        @Schema(nullable = true, description = "Replaces the list; null empties it")
        List<@NotNull UUID> milestoneIds,
    @Min(1) @Max(5) @Schema(nullable = true) Integer residualProbability,
    @Min(1) @Max(5) @Schema(nullable = true) Integer residualImpact)
    implements CrossFieldRules {

  @Override
  public List<Problem.Violation> ruleViolations() {
    return RiskRules.problems(owner, costImpact, residualProbability, residualImpact);
  }
}
