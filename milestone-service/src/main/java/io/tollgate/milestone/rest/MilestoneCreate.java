package io.tollgate.milestone.rest;

import io.tollgate.milestone.model.MilestoneKind;
import io.tollgate.milestone.service.MilestoneService;
import io.tollgate.rest.CrossFieldRules;
import io.tollgate.rest.Lengths;
import io.tollgate.rest.Problem;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "MilestoneCreate",
    description = "A milestone to plan for a project",
    example =
        "{\"projectId\":\"3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\",\"name\":\"Penetration test\","
            + "\"kind\":\"SECURITY_AUDIT\",\"plannedDate\":\"2026-06-15\",\"bufferDays\":10,"
            + "\"plannedValue\":\"25000.00\"}")
public record MilestoneCreate(
    @NotNull @Schema(description = "The project (known from project-service)") UUID projectId,
    @NotBlank @Size(max = 200, message = Lengths.REQUIRED) String name,
    @NotNull MilestoneKind kind,
    @NotNull @Schema(description = "The baseline date") LocalDate plannedDate,
    @Min(0)
        @Max(MilestoneService.MAX_BUFFER_DAYS)
        @Schema(description = "Buffer for technical uncertainty, in days", defaultValue = "0")
        Integer bufferDays,
    @Schema(description = "The team's forecast; the planned date when left out")
        LocalDate forecastDate,
    @Schema(
            type = SchemaType.STRING,
            pattern = "^[0-9]+(\\.[0-9]+)?$",
            description =
                "Its share of the budget: a decimal >= 0 with at most 15 integer digits and 4"
                    + " decimals, as a string (a JSON number is read too, exactly)")
        BigDecimal plannedValue,
    @Size(max = 2000, message = Lengths.AT_MOST) String description)
    implements CrossFieldRules {

  @Override
  public List<Problem.Violation> ruleViolations() {
    return MilestoneService.plannedValueProblems("plannedValue", plannedValue);
  }
}
