package io.tollgate.project.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.project.service.History;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "HistoryEntry",
    description =
        "One change to the project or something of it: who, when, what (before and after, as the"
            + " API showed them; before is null on creation, after on removal)",
    example =
        "{\"sequence\":1042,\"at\":\"2026-02-10T09:00:00.123456Z\",\"actor\":\"alice\",\"apiKeyId\":null,"
            + "\"action\":"
            + "\"PROJECT_UPDATED\",\"entityType\":\"PROJECT\",\"entityId\":"
            + "\"3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\",\"changedFields\":[\"targetDate\"],"
            + "\"before\":{\"targetDate\":\"2026-09-30\",\"version\":1},\"after\":{\"targetDate\":"
            + "\"2026-10-31\",\"version\":2}}")
public record HistoryEntryView(
    @Schema(
            description =
                "Orders the project's changes: one sequence across the platform, so it grows"
                    + " with every change and skips the numbers of other projects' changes")
        long sequence,
    OffsetDateTime at,
    @Schema(description = "The user id of who made the change") String actor,
    @Schema(
            nullable = true,
            description =
                "The API key the change was made with (an integrator acting as the key's owner,"
                    + " the actor); null when the actor used their own token")
        UUID apiKeyId,
    History.Action action,
    @Schema(description = "What kind of thing changed; entityId is its id")
        History.Entity entityType,
    String entityId,
    List<String> changedFields,
    @Schema(
            implementation = java.util.Map.class,
            type = SchemaType.OBJECT,
            additionalProperties = Schema.True.class,
            nullable = true,
            description =
                "The entity as the API showed it before the change (its fields, as in its own"
                    + " representation); null on creation")
        JsonNode before,
    @Schema(
            implementation = java.util.Map.class,
            type = SchemaType.OBJECT,
            additionalProperties = Schema.True.class,
            nullable = true,
            description = "The entity as the API showed it after the change; null on removal")
        JsonNode after) {}
