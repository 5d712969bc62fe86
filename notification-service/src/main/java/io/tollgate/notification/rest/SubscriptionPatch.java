package io.tollgate.notification.rest;

import io.tollgate.notification.model.Audience;
import io.tollgate.notification.model.Channel;
import io.tollgate.notification.model.Digest;
import io.tollgate.notification.model.Severity;
import io.tollgate.notification.service.SubscriptionRules;
import io.tollgate.rest.Lengths;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "SubscriptionPatch",
    description =
        "JSON merge patch (RFC 7386) of a subscription's writable fields. The channel cannot be"
            + " changed (create another subscription); null gives minSeverity, audience and digest"
            + " their defaults back, and empties eventTypes (every type)",
    example =
        "{\"minSeverity\":\"CRITICAL\",\"eventTypes\":[\"tollgate.risk.*\"],\"active\":false}")
public record SubscriptionPatch(
    @NotBlank @Size(max = SubscriptionRules.MAX_NAME, message = Lengths.REQUIRED) String name,
    @Schema(nullable = true, description = "The project; null: every project (ADMIN and PMO only)")
        UUID projectId,
    @NotNull @Schema(description = "Cannot be changed") Channel channel,
    @Size(max = SubscriptionRules.MAX_URL, message = Lengths.AT_MOST) @Schema(nullable = true)
        String url,
    @Size(max = SubscriptionRules.MAX_EMAIL, message = Lengths.AT_MOST) @Schema(nullable = true)
        String email,
    @Size(max = SubscriptionRules.MAX_EVENT_TYPES, message = Lengths.ITEMS)
        @Schema(nullable = true, description = "Replaces the list; null or empty: every type")
        List<@NotNull @SubscribableEventType String> eventTypes,
    @Schema(nullable = true) Severity minSeverity,
    @Schema(nullable = true) Audience audience,
    @Schema(nullable = true) Digest digest,
    @NotNull Boolean active) {}
