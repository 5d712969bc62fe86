package io.tollgate.project.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An amount of money as the API shows it: a decimal string with the currency's decimals. */
@Schema(
    name = "Money",
    description = "A decimal amount as a string (no precision is lost) and its ISO 4217 currency",
    example = "{\"amount\":\"250000.00\",\"currency\":\"EUR\"}")
public record Money(
    String amount,
    @Schema(
            nullable = true,
            description =
                "ISO 4217; null while the project has no currency yet (no budget, cost or benefit),"
                    + " when the amount is shown with 2 decimals")
        String currency) {}
