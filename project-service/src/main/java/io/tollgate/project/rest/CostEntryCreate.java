package io.tollgate.project.rest;

import io.tollgate.project.model.CostCategory;
import io.tollgate.project.service.MoneyRules;
import io.tollgate.rest.CrossFieldRules;
import io.tollgate.rest.Lengths;
import io.tollgate.rest.Problem;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "CostEntryCreate",
    description =
        "A cost to record in the ledger. The amount is a decimal greater than 0 (JSON number or"
            + " string) in the project's currency (its budget's).",
    example =
        "{\"date\":\"2026-02-28\",\"amount\":\"12500.00\",\"currency\":\"EUR\",\"category\":"
            + "\"LABOR\",\"note\":\"February: 2 developers\"}")
public record CostEntryCreate(
    @NotNull @Schema(description = "When the cost was incurred") LocalDate date,
    @Schema(
            required = true,
            type = SchemaType.STRING,
            pattern = MoneyInput.DECIMAL,
            description = "Decimal > 0 as a string, e.g. \"12500.00\" (a JSON number is read too)")
        BigDecimal amount,
    @Schema(
            required = true,
            pattern = MoneyRules.CURRENCY_CODE,
            description = "ISO 4217; the project's currency")
        String currency,
    @NotNull CostCategory category,
    @Size(max = 1000, message = Lengths.AT_MOST) String note)
    implements CrossFieldRules {

  /** The amount in its currency's decimals; the project's currency is the service's to check. */
  @Override
  public List<Problem.Violation> ruleViolations() {
    return MoneyRules.check("", amount, currency, true);
  }
}
