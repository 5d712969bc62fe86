package io.tollgate.project.rest;

import io.tollgate.project.model.Methodology;
import io.tollgate.project.model.Phase;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "Project",
    description = "A project as the API shows it",
    example =
        "{\"id\":\"3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\",\"key\":\"CRM\",\"name\":\"CRM"
            + " replacement\",\"description\":\"Replace the legacy CRM\",\"methodology\":\"AGILE\","
            + "\"phase\":\"INITIATION\",\"heldPhase\":null,\"startDate\":\"2026-01-05\","
            + "\"targetDate\":\"2026-09-30\","
            + "\"budget\":{\"amount\":\"250000.00\",\"currency\":\"EUR\"},"
            + "\"archived\":false,\"archivedAt\":null,\"createdBy\":\"alice\","
            + "\"createdAt\":\"2026-01-05T09:00:00Z\","
            + "\"updatedAt\":\"2026-01-05T09:00:00Z\",\"version\":0}")
public record ProjectView(
    @Schema(readOnly = true) UUID id,
    String key,
    String name,
    @Schema(nullable = true, description = "null when the project has none") String description,
    Methodology methodology,
    @Schema(readOnly = true, description = "Changed only by phase transitions") Phase phase,
    @Schema(
            readOnly = true,
            nullable = true,
            description = "While ON_HOLD: the phase the project resumes into; null otherwise")
        Phase heldPhase,
    @Schema(nullable = true, description = "null until planned") LocalDate startDate,
    @Schema(nullable = true, description = "null until planned") LocalDate targetDate,
    @Schema(nullable = true, description = "Budget at completion (BAC); null until one is set")
        Money budget,
    @Schema(readOnly = true) boolean archived,
    @Schema(readOnly = true, nullable = true, description = "When it was archived; null before")
        OffsetDateTime archivedAt,
    @Schema(readOnly = true) String createdBy,
    @Schema(readOnly = true) OffsetDateTime createdAt,
    @Schema(readOnly = true) OffsetDateTime updatedAt,
    @Schema(readOnly = true, description = "Optimistic-locking version; also the ETag")
        long version) {}
