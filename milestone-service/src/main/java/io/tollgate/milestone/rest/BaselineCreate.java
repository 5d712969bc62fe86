package io.tollgate.milestone.rest;

import io.tollgate.rest.Lengths;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "BaselineCreate",
    description = "A new baseline for the milestone, and why it was re-taken",
    example = "{\"plannedDate\":\"2026-07-01\",\"reason\":\"Scope of the audit doubled (CR-42)\"}")
public record BaselineCreate(
    @NotNull LocalDate plannedDate,
    @NotBlank @Size(max = 2000, message = Lengths.REQUIRED) String reason) {}
