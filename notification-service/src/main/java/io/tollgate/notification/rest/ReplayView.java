package io.tollgate.notification.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Replay", description = "How many deliveries a replay queued")
public record ReplayView(
    @Schema(
            required = true,
            description =
                "Deliveries queued for a new round (those already waiting are not counted)")
        int queued) {}
