package io.tollgate.project.rest;

import io.tollgate.project.model.KpiDirection;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "Kpi",
    description = "A KPI of the project and where it stands today",
    example =
        "{\"id\":\"2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e\",\"projectId\":"
            + "\"3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\",\"name\":\"Uptime\",\"unit\":\"%\","
            + "\"target\":99.9,\"direction\":\"HIGHER_IS_BETTER\",\"description\":\"Share of the"
            + " month the CRM answers its health check\",\"status\":{\"kpiId\":"
            + "\"2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e\",\"name\":\"Uptime\",\"unit\":\"%\","
            + "\"target\":99.9,\"direction\":\"HIGHER_IS_BETTER\",\"latest\":{\"measuredOn\":"
            + "\"2026-10-31\",\"value\":99.93},\"previous\":null,\"trend\":null,\"meetsTarget\":"
            + "true,\"missedLastTwo\":false,\"consecutiveMisses\":0,\"measurements\":1},"
            + "\"createdAt\":\"2026-03-01T08:00:00Z\",\"updatedAt\":"
            + "\"2026-03-01T08:00:00Z\",\"version\":0}")
public record KpiView(
    @Schema(readOnly = true) UUID id,
    @Schema(readOnly = true) UUID projectId,
    String name,
    String unit,
    BigDecimal target,
    KpiDirection direction,
    @Schema(nullable = true, description = "null when none was given") String description,
    @Schema(readOnly = true) KpiStatusView status,
    @Schema(readOnly = true) OffsetDateTime createdAt,
    @Schema(readOnly = true) OffsetDateTime updatedAt,
    @Schema(readOnly = true, description = "Optimistic-locking version; also the ETag")
        long version) {}
