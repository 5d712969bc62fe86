package io.tollgate.project.rest;

import io.tollgate.project.model.Recurrence;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
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
    @NotBlank @Size(max = 500) String description,
    @Schema(
            required = true,
            type = SchemaType.STRING,
            pattern = MoneyInput.DECIMAL,
            description = "Decimal > 0 per occurrence, as a string (a JSON number is read too)")
        BigDecimal amount,
    @Schema(required = true, description = "ISO 4217; the project's currency") String currency,
    @NotNull Recurrence recurrence,
    @NotNull LocalDate startDate,
    @Schema(description = "Recurring benefits only: the last date one can occur")
        LocalDate endDate) {}
