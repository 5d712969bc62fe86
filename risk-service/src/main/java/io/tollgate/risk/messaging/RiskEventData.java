package io.tollgate.risk.messaging;

import io.tollgate.risk.model.RiskCategory;
import io.tollgate.risk.model.RiskLevel;
import io.tollgate.risk.model.RiskStatus;
import java.util.List;
import java.util.UUID;

/**
 * The data of every risk event (schemas/risk-event.v1.json): the risk after the change. Fields
 * added within v1 go last; {@code scheduleImpactDays} feeds milestone-service's risk-adjusted
 * forecast.
 */
public record RiskEventData(
    UUID riskId,
    UUID projectId,
    String title,
    RiskCategory category,
    int probability,
    int impact,
    int score,
    RiskLevel level,
    RiskStatus status,
    List<UUID> milestoneIds,
    long version,
    Integer scheduleImpactDays) {}
