package io.tollgate.project.rest;

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
    @Schema(
            type = SchemaType.STRING,
            pattern = DECIMAL,
            description = "Decimal as a string, e.g. \"250000.00\" (a JSON number is read too)")
        BigDecimal amount,
    @Schema(description = "ISO 4217 code", example = "EUR") String currency) {

  /**
   * How a decimal is documented: a string, as the API answers it, so that a client generated from
   * the document does not send a binary float.
   */
  public static final String DECIMAL = "^[0-9]+(\\.[0-9]+)?$";
}
