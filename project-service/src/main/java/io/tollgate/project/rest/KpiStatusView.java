package io.tollgate.project.rest;

import io.tollgate.project.model.KpiDirection;
import io.tollgate.project.service.Kpis;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "KpiStatus",
    description =
        "Where a KPI stands: its latest value, its trend against the value before (IMPROVING,"
            + " STEADY, WORSENING, in the KPI's direction) and whether it meets its target",
    example =
        "{\"kpiId\":\"2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e\",\"name\":\"Uptime\",\"unit\":\"%\","
            + "\"target\":99.9,\"direction\":\"HIGHER_IS_BETTER\",\"latest\":{\"measuredOn\":"
            + "\"2026-10-31\",\"value\":99.93},\"previous\":{\"measuredOn\":\"2026-09-30\","
            + "\"value\":99.71},\"trend\":\"IMPROVING\",\"meetsTarget\":true,\"missedLastTwo\":"
            + "false,\"consecutiveMisses\":0,\"measurements\":2}")
public record KpiStatusView(
    UUID kpiId,
    String name,
    String unit,
    BigDecimal target,
    KpiDirection direction,
    @Schema(nullable = true, description = "The latest measurement; null while there is none")
        Value latest,
    @Schema(nullable = true, description = "The measurement before it; null while there is none")
        Value previous,
    @Schema(
            nullable = true,
            description = "latest against previous; null with fewer than two measurements")
        Kpis.Trend trend,
    @Schema(nullable = true, description = "null while the KPI has no measurement")
        Boolean meetsTarget,
    @Schema(description = "Both of the last two measurements miss the target")
        boolean missedLastTwo,
    @Schema(description = "How many of the latest measurements in a row miss the target")
        int consecutiveMisses,
    int measurements) {

  @Schema(name = "KpiValue")
  public record Value(LocalDate measuredOn, BigDecimal value) {}
}
