package io.tollgate.notification.rest;

import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "ReplayRequest",
    description = "Which deliveries to send again",
    example = "{\"since\":\"2026-03-10T08:00:00Z\"}")
public record ReplayRequest(
    @NotNull
        @Schema(
            required = true,
            description =
                "RFC 3339; every delivery of the subscription created since then (not in the"
                    + " future)",
            examples = "2026-03-10T08:00:00Z")
        OffsetDateTime since) {}
