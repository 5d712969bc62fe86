package io.tollgate.project.rest;

import io.tollgate.project.model.Recurrence;
import io.tollgate.project.service.MoneyRules;
import io.tollgate.rest.CrossFieldRules;
import io.tollgate.rest.Lengths;
import io.tollgate.rest.Problem;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "BenefitCreate",
    description =
        "An expected benefit: amount (decimal > 0, in the project's currency) once on startDate"
            + " (ONE_OFF), or every month, quarter or year from startDate until endDate (or the"
            + " business case's horizon)",
    example =
        "{\"description\":\"Licence savings of the legacy CRM\",\"amount\":\"4000.00\","
            + "\"currency\":\"EUR\",\"recurrence\":\"MONTHLY\",\"startDate\":\"2026-10-01\"}")
public record BenefitCreate(
    @NotBlank @Size(max = 500, message = Lengths.REQUIRED) String description,
    @Schema(
            required = true,
            type = SchemaType.STRING,
            pattern = MoneyInput.DECIMAL,
            description = "Decimal > 0 per occurrence, as a string (a JSON number is read too)")
        BigDecimal amount,
    @Schema(
            required = true,
            pattern = MoneyRules.CURRENCY_CODE,
            description = "ISO 4217; the project's currency")
        String currency,
    @NotNull Recurrence recurrence,
    @NotNull LocalDate startDate,
    @Schema(description = "Recurring benefits only: the last date one can occur") LocalDate endDate)
    implements CrossFieldRules {

  /**
   * The amount in its currency's decimals and the dates in order; the project's currency is the
   * service's to check.
   */
  @Override
  public List<Problem.Violation> ruleViolations() {
    List<Problem.Violation> violations =
        new ArrayList<>(MoneyRules.check("", amount, currency, true));
    if (recurrence == Recurrence.ONE_OFF && endDate != null) {
      violations.add(new Problem.Violation("endDate", "a ONE_OFF benefit has no endDate"));
    } else if (startDate != null && endDate != null && endDate.isBefore(startDate)) {
      violations.add(new Problem.Violation("endDate", "must not be before startDate " + startDate));
    }
    return violations;
  }
}
