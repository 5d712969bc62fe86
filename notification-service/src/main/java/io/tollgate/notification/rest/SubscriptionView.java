package io.tollgate.notification.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tollgate.notification.model.Audience;
import io.tollgate.notification.model.Channel;
import io.tollgate.notification.model.Digest;
import io.tollgate.notification.model.Severity;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "Subscription",
    description =
        "A subscription: which events of which project reach its owner, and through which channel."
            + " It never shows a WEBHOOK's signing secret: only the answers to its creation and to"
            + " a rotation do (SubscriptionWithSecret)",
    example =
        "{\"id\":\"5b0e8f2a-9c1d-4e3f-8a7b-6c5d4e3f2a1b\",\"name\":\"CRM risks to our on-call\","
            + "\"projectId\":\"3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\",\"channel\":\"WEBHOOK\","
            + "\"url\":\"https://hooks.example.com/tollgate\",\"email\":null,\"eventTypes\":"
            + "[\"tollgate.risk.*\",\"tollgate.milestone.updated.v1\"],\"minSeverity\":"
            + "\"WARNING\",\"audience\":\"TECHNICAL\",\"digest\":\"IMMEDIATE\",\"active\":true,"
            + "\"ownerId\":\"alice\",\"createdAt\":\"2026-03-10T08:15:00Z\",\"updatedAt\":"
            + "\"2026-03-10T08:15:00Z\",\"version\":0}")
public record SubscriptionView(
    @Schema(readOnly = true) UUID id,
    String name,
    @Schema(nullable = true, description = "null: every project") UUID projectId,
    Channel channel,
    @Schema(nullable = true, description = "WEBHOOK only") String url,
    @Schema(nullable = true, description = "EMAIL only") String email,
    @Schema(description = "Exact types and families; empty: every type") List<String> eventTypes,
    Severity minSeverity,
    Audience audience,
    Digest digest,
    boolean active,
    @Schema(readOnly = true, description = "The user who subscribed, who manages it")
        String ownerId,
    // in the answers to a creation and a rotation only: documented there (SubscriptionWithSecret)
    @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(hidden = true) String secret,
    @Schema(readOnly = true) OffsetDateTime createdAt,
    @Schema(readOnly = true) OffsetDateTime updatedAt,
    @Schema(readOnly = true, description = "Optimistic-locking version; also the ETag")
        long version) {}
