package io.tollgate.project.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.UUID;

/**
 * The part of risk-service's {@code tollgate.risk.*.v1} data that project-service reads (contract:
 * risk-service's {@code asyncapi/schemas/risk-event.v1.json}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RiskEventData(
    UUID riskId,
    UUID projectId,
    String title,
    String category,
    Integer score,
    String level,
    String status,
    Long version) {}
