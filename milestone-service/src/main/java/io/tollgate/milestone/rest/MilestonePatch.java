package io.tollgate.milestone.rest;

import io.tollgate.milestone.model.MilestoneKind;
import io.tollgate.milestone.model.MilestoneStatus;
import io.tollgate.milestone.service.MilestoneService;
import io.tollgate.rest.Lengths;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "MilestonePatch",
    description =
        "JSON merge patch (RFC 7386) of a milestone's writable fields. plannedDate is the baseline"
            + " and is moved with POST .../baselines; COMPLETED is set with POST .../completion",
    example = "{\"forecastDate\":\"2026-06-19\",\"status\":\"IN_PROGRESS\"}")
public record MilestonePatch(
    @NotBlank @Size(max = 200, message = Lengths.REQUIRED) String name,
    @Size(max = 2000, message = Lengths.AT_MOST)
        @Schema(nullable = true, description = "null removes it")
        String description,
    @NotNull MilestoneKind kind,
    @NotNull @Min(0) @Max(MilestoneService.MAX_BUFFER_DAYS) Integer bufferDays,
    @NotNull @Schema(description = "The team's forecast (ownForecastDate)") LocalDate forecastDate,
    @Schema(
            nullable = true,
            type = SchemaType.STRING,
            pattern = "^[0-9]+(\\.[0-9]+)?$",
            description = "A decimal >= 0 as a string (a JSON number is read too); null clears it")
        BigDecimal plannedValue,
    @NotNull
        @Schema(
            description =
                "PLANNED or IN_PROGRESS (work has started); LATE and COMPLETED are not set here")
        MilestoneStatus status) {}
