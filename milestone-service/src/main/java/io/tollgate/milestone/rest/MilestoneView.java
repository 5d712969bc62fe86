package io.tollgate.milestone.rest;

import io.tollgate.milestone.model.MilestoneKind;
import io.tollgate.milestone.model.MilestoneStatus;
import io.tollgate.milestone.model.Zone;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "Milestone",
    description =
        "A milestone of a project: its baseline (plannedDate) with a buffer, the forecast, and"
            + " what follows from them today (status, slip, buffer consumption, zone)",
    example =
        "{\"id\":\"9a3e1f44-5c2b-4d7a-8e61-7b2c9d0e4f13\",\"projectId\":"
            + "\"3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\",\"name\":\"Penetration test\","
            + "\"description\":null,\"kind\":\"SECURITY_AUDIT\",\"status\":\"IN_PROGRESS\","
            + "\"plannedDate\":\"2026-06-15\",\"bufferDays\":10,\"forecastDate\":\"2026-06-19\","
            + "\"ownForecastDate\":\"2026-06-18\",\"actualDate\":null,\"slipDays\":4,"
            + "\"varianceDays\":4,\"bufferConsumption\":\"0.4000\",\"zone\":\"AT_RISK\","
            + "\"plannedValue\":\"25000\",\"version\":3,\"createdAt\":\"2026-02-02T10:00:00Z\","
            + "\"updatedAt\":\"2026-05-20T08:30:00Z\"}")
public record MilestoneView(
    @Schema(readOnly = true) UUID id,
    @Schema(readOnly = true) UUID projectId,
    String name,
    @Schema(nullable = true, description = "null when none was given") String description,
    MilestoneKind kind,
    @Schema(
            readOnly = true,
            description =
                "COMPLETED once it has an actual date; LATE when plannedDate + bufferDays has"
                    + " passed (today in UTC) without one; else IN_PROGRESS once work started,"
                    + " else PLANNED")
        MilestoneStatus status,
    @Schema(description = "The current baseline; moved only by POST .../baselines with a reason")
        LocalDate plannedDate,
    @Schema(description = "Buffer for technical uncertainty, in days") int bufferDays,
    @Schema(
            readOnly = true,
            description =
                "The effective forecast: the actual date once completed, else the later of"
                    + " ownForecastDate and what the predecessors (plus their lags) allow")
        LocalDate forecastDate,
    @Schema(description = "The forecast the team gave (the planned date until they give one)")
        LocalDate ownForecastDate,
    @Schema(readOnly = true, nullable = true, description = "When it was completed")
        LocalDate actualDate,
    @Schema(readOnly = true, description = "Days forecastDate lies past plannedDate; early is 0")
        long slipDays,
    @Schema(readOnly = true, description = "forecastDate minus plannedDate in days (signed)")
        long varianceDays,
    @Schema(
            readOnly = true,
            nullable = true,
            type = SchemaType.STRING,
            pattern = "^[0-9]+\\.[0-9]{4}$",
            description =
                "slipDays / bufferDays, a decimal to 4 places; null when bufferDays is 0 (then"
                    + " any slip is OFF_TRACK)")
        String bufferConsumption,
    @Schema(
            readOnly = true,
            description = "Buffer consumption below 1/3 ON_TRACK, below 1 AT_RISK, else OFF_TRACK")
        Zone zone,
    @Schema(
            nullable = true,
            type = SchemaType.STRING,
            pattern = "^[0-9]+(\\.[0-9]+)?$",
            description =
                "Its share of the budget (earned value), a decimal as a string; null when unset")
        String plannedValue,
    @Schema(readOnly = true, description = "Optimistic-locking version; also the ETag")
        long version,
    @Schema(readOnly = true) OffsetDateTime createdAt,
    @Schema(readOnly = true) OffsetDateTime updatedAt) {}
