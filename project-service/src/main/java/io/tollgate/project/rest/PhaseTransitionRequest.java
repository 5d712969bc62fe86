package io.tollgate.project.rest;

import io.tollgate.project.model.Phase;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "PhaseTransitionRequest",
    description =
        "Move the project to another phase: the next lifecycle phase (through its gates), back to"
            + " an earlier one (rework, through that phase's entry gate), ON_HOLD, back from ON_HOLD"
            + " (resume) or CANCELLED. An ADMIN"
            + " may pass unmet gates with an overrideJustification.",
    example =
        "{\"to\":\"EXECUTION\",\"reason\":\"Plan approved by the steering committee on 2026-02-10\"}")
public record PhaseTransitionRequest(
    @NotNull @Schema(description = "The target phase") Phase to,
    @NotBlank @Size(max = 2000) @Schema(description = "Why; kept in the history and the event")
        String reason,
    @Size(max = 2000)
        @Schema(
            description =
                "ADMIN only: why the transition may pass although gate criteria are unmet;"
                    + " recorded with the criteria it overrode")
        String overrideJustification) {}
