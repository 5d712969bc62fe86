package io.tollgate.notification.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "EventType",
    description = "An event type the platform publishes, which a subscription may name",
    example =
        "{\"type\":\"tollgate.risk.assessed.v1\",\"producer\":\"risk-service\",\"description\":"
            + "\"A risk was identified or re-assessed (probability, impact, level); it is open.\"}")
public record EventTypeView(
    @Schema(description = "The CloudEvents type; tollgate.<producer>.* names its family")
        String type,
    @Schema(description = "The service that publishes it") String producer,
    @Schema(description = "What happened, as the producer's AsyncAPI contract says")
        String description) {}
