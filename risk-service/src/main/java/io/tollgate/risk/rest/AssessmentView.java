package io.tollgate.risk.rest;

import io.tollgate.risk.model.RiskLevel;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "RiskAssessment",
    description = "One assessment of a risk, as it was then",
    example =
        "{\"seq\":7,\"probability\":4,\"impact\":5,\"score\":20,\"level\":\"CRITICAL\","
            + "\"residualProbability\":null,\"residualImpact\":null,\"residualScore\":null,"
            + "\"residualLevel\":null,\"assessedAt\":\"2026-03-10T08:15:00Z\",\"assessedBy\":"
            + "\"alice\",\"apiKeyId\":null,\"reason\":\"identified\"}")
public record AssessmentView(
    @Schema(description = "Orders the assessments; grows with every one, skipping other risks'")
        long seq,
    int probability,
    int impact,
    int score,
    RiskLevel level,
    @Schema(nullable = true) Integer residualProbability,
    @Schema(nullable = true) Integer residualImpact,
    @Schema(nullable = true) Integer residualScore,
    @Schema(nullable = true) RiskLevel residualLevel,
    OffsetDateTime assessedAt,
    @Schema(description = "The user id of who assessed it") String assessedBy,
    @Schema(nullable = true, description = "The API key used; null for the user's own token")
        UUID apiKeyId,
    @Schema(
            description =
                "\"identified\" for the first; else what changed, e.g. \"probability 3 -> 4\"")
        String reason) {}
