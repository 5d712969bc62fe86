package io.tollgate.project.rest;

import io.tollgate.project.service.MoneyRules;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An amount of money as a client sends it: a decimal (JSON number or string) and a currency. */
@Schema(
    name = "MoneyInput",
    description =
        "A decimal amount (a JSON number or a string; read exactly, never as a binary float) and"
            + " an ISO 4217 currency. At most 15 integer digits and no more decimals than the"
            + " currency has (EUR 2, JPY 0).",
    example = "{\"amount\":\"250000.00\",\"currency\":\"EUR\"}")
public record MoneyInput(
    // required, though MoneyRules (with the rest of an amount's rules), not a constraint, refuses
    // a missing one
    @Schema(
            required = true,
            type = SchemaType.STRING,
            pattern = DECIMAL,
            description = "Decimal as a string, e.g. \"250000.00\" (a JSON number is read too)")
        BigDecimal amount,
    @Schema(
            required = true,
            pattern = MoneyRules.CURRENCY_CODE,
            description = "ISO 4217 code",
            example = "EUR")
        String currency) {

  /**
   * How a decimal is documented: a string, as the API answers it, so that a client generated from
   * the document does not send a binary float.
   */
  public static final String DECIMAL = "^[0-9]+(\\.[0-9]+)?$";

  /**
   * The schema of a budget in a merge patch, which requires nothing: an amount or currency left out
   * keeps the project's. Documentation only (ProjectPatch's budget, inline); the patch is read as a
   * {@link MoneyInput}.
   */
  @Schema(example = "{\"amount\":\"275000.00\"}")
  record Patch(
      @Schema(
              type = SchemaType.STRING,
              pattern = DECIMAL,
              description = "Decimal as a string, e.g. \"275000.00\" (a JSON number is read too)")
          BigDecimal amount,
      @Schema(pattern = MoneyRules.CURRENCY_CODE, description = "ISO 4217 code", example = "EUR")
          String currency) {}
}
