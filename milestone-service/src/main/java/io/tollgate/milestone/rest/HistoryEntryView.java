package io.tollgate.milestone.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "MilestoneHistoryEntry",
    description =
        "One change of a milestone: who, when, what (before and after as the API showed the"
            + " milestone, or its dependency for a DEPENDENCY_ action; before is null on creation"
            + " and when a dependency is added, after on deletion and when one is removed)",
    example =
        "{\"seq\":42,\"occurredAt\":\"2026-05-20T08:30:00.123456Z\",\"actor\":\"alice\","
            + "\"apiKeyId\":null,\"action\":\"REBASELINED\",\"reason\":\"Scope of the audit"
            + " doubled (CR-42)\",\"before\":{\"plannedDate\":\"2026-06-15\",\"version\":2},"
            + "\"after\":{\"plannedDate\":\"2026-07-01\",\"version\":3}}")
public record HistoryEntryView(
    @Schema(description = "Orders the changes; grows with every change, skipping other milestones'")
        long seq,
    OffsetDateTime occurredAt,
    @Schema(description = "The user id of who made the change") String actor,
    @Schema(
            nullable = true,
            description = "The API key the change was made with; null for the actor's own token")
        UUID apiKeyId,
    @Schema(
            description =
                "CREATED, UPDATED, COMPLETED, REOPENED, REBASELINED, DELETED, FORECAST_MOVED"
                    + " (its forecast moved with another milestone's change, along the"
                    + " dependencies), or DEPENDENCY_ADDED, DEPENDENCY_CHANGED (its lag) or"
                    + " DEPENDENCY_REMOVED (one of its predecessors, recorded on this milestone,"
                    + " the successor); further actions may be added")
        String action,
    @Schema(nullable = true, description = "Why: the reason given for a re-baseline") String reason,
    @Schema(
            implementation = java.util.Map.class,
            type = SchemaType.OBJECT,
            additionalProperties = Schema.True.class,
            nullable = true,
            description =
                "Before the change: the milestone as the API showed it, or for a DEPENDENCY_"
                    + " action the dependency, {predecessorId, lagDays}; null on creation and"
                    + " on DEPENDENCY_ADDED")
        JsonNode before,
    @Schema(
            implementation = java.util.Map.class,
            type = SchemaType.OBJECT,
            additionalProperties = Schema.True.class,
            nullable = true,
            description =
                "After the change: the milestone as the API showed it, or for a DEPENDENCY_"
                    + " action the dependency, {predecessorId, lagDays}; null on deletion and on"
                    + " DEPENDENCY_REMOVED")
        JsonNode after) {}
