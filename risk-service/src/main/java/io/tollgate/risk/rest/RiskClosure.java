package io.tollgate.risk.rest;

import io.tollgate.rest.Lengths;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "RiskClosure",
    description = "Why the risk no longer threatens the project",
    example = "{\"reason\":\"The vendor delivered the complete export (ticket CRM-311)\"}")
public record RiskClosure(@NotBlank @Size(max = 2000, message = Lengths.REQUIRED) String reason) {}
