package io.tollgate.project.rest;

import io.tollgate.project.model.Recurrence;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "Benefit",
    description = "An expected benefit of the project",
    example =
        "{\"id\":\"1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d\",\"projectId\":"
            + "\"3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\",\"description\":\"Licence savings of the"
            + " legacy CRM\",\"amount\":{\"amount\":\"4000.00\",\"currency\":\"EUR\"},"
            + "\"recurrence\":\"MONTHLY\",\"startDate\":\"2026-10-01\",\"endDate\":null,"
            + "\"createdBy\":\"alice\",\"createdAt\":\"2026-03-01T08:00:00Z\",\"version\":0}")
public record BenefitView(
    UUID id,
    UUID projectId,
    String description,
    @Schema(description = "Per occurrence") Money amount,
    Recurrence recurrence,
    LocalDate startDate,
    @Schema(
            nullable = true,
            description =
                "The last date a recurring benefit can occur; null for a one-off benefit, or one"
                    + " that recurs until the business case's horizon")
        LocalDate endDate,
    String createdBy,
    OffsetDateTime createdAt,
    long version) {}
