package io.tollgate.milestone.rest;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "MilestoneBaseline",
    description =
        "A baseline the milestone had: its planned date, why and when it was taken, by whom",
    example =
        "{\"plannedDate\":\"2026-06-15\",\"reason\":\"initial baseline\",\"takenAt\":"
            + "\"2026-02-02T10:00:00Z\",\"takenBy\":\"alice\"}")
public record BaselineView(
    LocalDate plannedDate, String reason, OffsetDateTime takenAt, String takenBy) {}
