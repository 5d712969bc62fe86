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
    name = "RiskCreate",
    description = "A risk to register for a project",
    example =
        "{\"projectId\":\"3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\",\"title\":\"Legacy CRM export"
            + " is incomplete\",\"category\":\"INTEGRATION\",\"probability\":4,\"impact\":5,"
            + "\"owner\":\"alice\",\"strategy\":\"MITIGATE\",\"costImpact\":\"40000\","
            + "\"scheduleImpactDays\":15,\"milestoneIds\":"
            + "[\"9a3e1f44-5c2b-4d7a-8e61-7b2c9d0e4f13\"],\"residualProbability\":2,"
            + "\"residualImpact\":4}")
public record RiskCreate(
    @NotNull @Schema(description = "The project (known from project-service)") UUID projectId,
    @NotBlank @Size(max = 300, message = Lengths.REQUIRED) String title,
    @Size(max = 4000, message = Lengths.AT_MOST) String description,
    @NotNull RiskCategory category,
    @NotNull @Min(1) @Max(5) @Schema(description = "1 (5 %) to 5 (85 %)") Integer probability,
    @NotNull @Min(1) @Max(5) @Schema(description = "1 to 5") Integer impact,
    @Size(max = 200, message = Lengths.AT_MOST)
        @Schema(description = "The user id of who answers for the risk")
        String owner,
    RiskStrategy strategy,
    @Schema(
            type = SchemaType.STRING,
            pattern = "^[0-9]+(\\.[0-9]+)?$",
            description =
                "What it would cost if it occurred: a decimal >= 0 with at most 15 integer digits"
                    + " and 4 decimals, as a string (a JSON number is read too, exactly)")
        BigDecimal costImpact,
    @Min(0)
        @Max(RiskRules.MAX_SCHEDULE_DAYS)
        @Schema(description = "Days it would delay its milestones if it occurred")
        Integer scheduleImpactDays,
    @Size(max = RiskRules.MAX_MILESTONES)
        @Schema(description = "The milestones it threatens, stored as given")
        List<@NotNull UUID> milestoneIds,
    @Min(1)
        @Max(5)
        @Schema(description = "The probability once the response works; with residualImpact")
        Integer residualProbability,
    @Min(1)
        @Max(5)
        @Schema(description = "The impact once the response works; with residualProbability")
        Integer residualImpact)
    implements CrossFieldRules {

  @Override
  public List<Problem.Violation> ruleViolations() {
    return RiskRules.problems(owner, costImpact, residualProbability, residualImpact);
  }
}
