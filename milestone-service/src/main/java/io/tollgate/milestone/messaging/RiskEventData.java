package io.tollgate.milestone.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.UUID;

/**
 * The part of risk-service's {@code tollgate.risk.*.v1} data that the risk-adjusted forecast reads
 * (contract: risk-service's {@code asyncapi/schemas/risk-event.v1.json}); other fields are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RiskEventData(
    UUID riskId,
    UUID projectId,
    Integer probability,
    String status,
    Integer scheduleImpactDays,
    List<UUID> milestoneIds,
    Long version) {}
