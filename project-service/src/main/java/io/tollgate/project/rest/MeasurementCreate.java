package io.tollgate.project.rest;

import io.tollgate.project.service.KpiService;
import io.tollgate.rest.CrossFieldRules;
import io.tollgate.rest.Lengths;
import io.tollgate.rest.Problem;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "MeasurementCreate",
    description =
        "A value of a KPI on a date (not in the future: no later than today in UTC+14, where the"
            + " day starts first)",
    example = "{\"measuredOn\":\"2026-10-31\",\"value\":99.93,\"note\":\"October\"}")
public record MeasurementCreate(
    @NotNull LocalDate measuredOn,
    @NotNull
        @Schema(
            description =
                "Decimal: at most 15 significant digits, 18 integer digits and 6 decimals")
        BigDecimal value,
    @Size(max = 1000, message = Lengths.AT_MOST) String note)
    implements CrossFieldRules {

  /** The value's digits and a date not in the future, which no field constraint can say. */
  @Override
  public List<Problem.Violation> ruleViolations() {
    List<Problem.Violation> violations =
        new ArrayList<>(KpiService.dateProblems("measuredOn", measuredOn));
    violations.addAll(KpiService.decimalProblems("value", value));
    return violations;
  }
}
