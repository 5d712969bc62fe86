package io.tollgate.risk.rest;

import io.tollgate.risk.model.RiskCategory;
import io.tollgate.risk.model.RiskLevel;
import io.tollgate.risk.model.RiskStatus;
import io.tollgate.risk.model.RiskStrategy;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "Risk",
    description =
        "A risk of a project: its assessment (probability x impact = score, level from the default"
            + " 5x5 matrix), response, residuals, quantitative impact and review dates",
    example =
        "{\"id\":\"6e1d2c3b-4a5f-4e6d-8c7b-9a0f1e2d3c4b\",\"projectId\":"
            + "\"3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\",\"title\":\"Legacy CRM export is"
            + " incomplete\",\"description\":null,\"category\":\"INTEGRATION\",\"probability\":4,"
            + "\"impact\":5,\"score\":20,\"level\":\"CRITICAL\",\"chance\":\"0.6\",\"owner\":"
            + "\"alice\",\"strategy\":\"MITIGATE\",\"costImpact\":\"40000\","
            + "\"scheduleImpactDays\":15,\"milestoneIds\":"
            + "[\"9a3e1f44-5c2b-4d7a-8e61-7b2c9d0e4f13\"],\"residualProbability\":2,"
            + "\"residualImpact\":4,\"residualScore\":8,\"residualLevel\":\"MEDIUM\",\"status\":"
            + "\"OPEN\",\"closedReason\":null,\"lastAssessedAt\":\"2026-03-10T08:15:00Z\","
            + "\"nextReviewDate\":\"2026-03-17\",\"reviewOverdue\":false,\"version\":0,"
            + "\"createdAt\":\"2026-03-10T08:15:00Z\",\"updatedAt\":\"2026-03-10T08:15:00Z\",\"automatic\":false,"
            + "\"raisedByMilestoneId\":null}")
public record RiskView(
    @Schema(readOnly = true) UUID id,
    @Schema(readOnly = true) UUID projectId,
    String title,
    @Schema(nullable = true) String description,
    RiskCategory category,
    int probability,
    int impact,
    @Schema(readOnly = true, description = "probability x impact (1-25)") int score,
    @Schema(
            readOnly = true,
            description =
                "From the default matrix: 1-4 LOW, 5-9 MEDIUM, 10-15 HIGH, 16-25 CRITICAL")
        RiskLevel level,
    @Schema(
            readOnly = true,
            type = SchemaType.STRING,
            pattern = "^0\\.[0-9]+$",
            description = "The probability's chance: 1 = 0.05, 2 = 0.2, 3 = 0.4, 4 = 0.6, 5 = 0.85")
        String chance,
    @Schema(nullable = true, description = "The user id of who answers for it") String owner,
    @Schema(nullable = true) RiskStrategy strategy,
    @Schema(
            nullable = true,
            type = SchemaType.STRING,
            pattern = "^[0-9]+(\\.[0-9]+)?$",
            description = "What it would cost if it occurred, a decimal as a string")
        String costImpact,
    @Schema(nullable = true, description = "Days it would delay its milestones")
        Integer scheduleImpactDays,
    @Schema(description = "The milestones it threatens, as given") List<UUID> milestoneIds,
    @Schema(nullable = true) Integer residualProbability,
    @Schema(nullable = true) Integer residualImpact,
    @Schema(readOnly = true, nullable = true, description = "residualProbability x residualImpact")
        Integer residualScore,
    @Schema(readOnly = true, nullable = true) RiskLevel residualLevel,
    @Schema(readOnly = true, description = "CLOSED with POST .../closure, OPEN again with DELETE")
        RiskStatus status,
    @Schema(readOnly = true, nullable = true, description = "Why it was closed; null while open")
        String closedReason,
    @Schema(readOnly = true, description = "When probability, impact or residuals were assessed")
        OffsetDateTime lastAssessedAt,
    @Schema(
            readOnly = true,
            nullable = true,
            description =
                "The last assessment's day (UTC) plus the level's review interval: CRITICAL 7"
                    + " days, HIGH 14, MEDIUM 30, LOW 90; null while closed")
        LocalDate nextReviewDate,
    @Schema(readOnly = true, description = "Open, and nextReviewDate is before today (UTC)")
        boolean reviewOverdue,
    @Schema(readOnly = true, description = "Optimistic-locking version; also the ETag")
        long version,
    @Schema(readOnly = true) OffsetDateTime createdAt,
    @Schema(readOnly = true) OffsetDateTime updatedAt,
    @Schema(
            readOnly = true,
            description =
                "Raised automatically by a milestone that ate its buffer (ADR 0028), not by a"
                    + " person")
        boolean automatic,
    @Schema(
            readOnly = true,
            nullable = true,
            description = "The milestone that raised it automatically; null for a person's risk")
        UUID raisedByMilestoneId) {}
