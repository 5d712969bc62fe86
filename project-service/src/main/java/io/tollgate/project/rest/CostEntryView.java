package io.tollgate.project.rest;

import io.tollgate.project.model.CostCategory;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "CostEntry",
    description = "One line of the cost ledger",
    example =
        "{\"id\":\"8c9d0e1f-2a3b-4c4d-9e5f-6a7b8c9d0e1f\",\"projectId\":"
            + "\"3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\",\"date\":\"2026-02-28\",\"amount\":{"
            + "\"amount\":\"12500.00\",\"currency\":\"EUR\"},\"category\":\"LABOR\",\"note\":"
            + "\"February: 2 developers\",\"createdBy\":\"alice\",\"createdAt\":"
            + "\"2026-03-01T08:00:00Z\",\"version\":0}")
public record CostEntryView(
    UUID id,
    UUID projectId,
    LocalDate date,
    Money amount,
    CostCategory category,
    @Schema(nullable = true, description = "null when none was given") String note,
    String createdBy,
    OffsetDateTime createdAt,
    long version) {}
