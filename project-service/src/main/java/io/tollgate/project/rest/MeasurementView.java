package io.tollgate.project.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "Measurement",
    description = "A value of a KPI",
    example =
        "{\"id\":\"3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f\",\"kpiId\":"
            + "\"2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e\",\"measuredOn\":\"2026-10-31\",\"value\":"
            + "99.93,\"meetsTarget\":true,\"note\":\"October\",\"recordedBy\":\"alice\","
            + "\"recordedAt\":\"2026-11-01T08:00:00Z\"}")
public record MeasurementView(
    UUID id,
    UUID kpiId,
    LocalDate measuredOn,
    BigDecimal value,
    @Schema(description = "Against the KPI's target as it is now") boolean meetsTarget,
    @Schema(nullable = true, description = "null when none was given") String note,
    String recordedBy,
    OffsetDateTime recordedAt) {}
