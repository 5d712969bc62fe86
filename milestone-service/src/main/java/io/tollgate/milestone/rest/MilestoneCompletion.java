package io.tollgate.milestone.rest;

import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "MilestoneCompletion",
    description = "When the milestone was reached",
    example = "{\"actualDate\":\"2026-06-18\"}")
public record MilestoneCompletion(
    @Schema(description = "Not in the future; today (UTC) when left out") LocalDate actualDate) {}
