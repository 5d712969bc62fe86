package io.tollgate.notification.rest;

import io.tollgate.notification.model.Delivery;
import io.tollgate.notification.model.DeliveryAttempt;
import io.tollgate.notification.model.DeliveryStatus;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A delivery with its log: every attempt, oldest first, across rounds. */
@Schema(
    name = "DeliveryDetail",
    description = "A delivery with every attempt, oldest first",
    example =
        "{\"id\":\"7d1f0c2e-9b3a-4e6f-8a5d-1c2b3a4d5e6f\",\"subscriptionId\":"
            + "\"0b6e7f7a-4d8c-4f53-9a0e-2f1c3d4e5f60\",\"eventId\":"
            + "\"2c4f6a8e-0b1d-4e3f-9a5c-7e8d1b2a3c4f\",\"eventType\":"
            + "\"tollgate.risk.assessed.v1\",\"projectId\":"
            + "\"3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\",\"status\":\"DELIVERED\",\"attempts\":2,"
            + "\"nextAttemptAt\":null,\"lastAttemptAt\":\"2026-03-10T08:15:06Z\","
            + "\"lastStatusCode\":200,\"lastError\":null,\"deliveredAt\":"
            + "\"2026-03-10T08:15:06Z\",\"createdAt\":\"2026-03-10T08:15:00Z\",\"updatedAt\":"
            + "\"2026-03-10T08:15:06Z\",\"attemptLog\":[{\"attemptedAt\":"
            + "\"2026-03-10T08:15:01Z\",\"statusCode\":503,\"durationMs\":112,\"error\":"
            + "\"the receiver answered 503\",\"response\":\"upstream unavailable\"},"
            + "{\"attemptedAt\":\"2026-03-10T08:15:06Z\",\"statusCode\":200,\"durationMs\":48,"
            + "\"error\":null,\"response\":\"ok\"}]}")
public record DeliveryDetailView(
    @Schema(required = true) UUID id,
    @Schema(required = true) UUID subscriptionId,
    @Schema(required = true) String eventId,
    @Schema(required = true) String eventType,
    @Schema(nullable = true) UUID projectId,
    @Schema(required = true) DeliveryStatus status,
    @Schema(required = true, description = "Attempts in the current round") int attempts,
    @Schema(nullable = true) OffsetDateTime nextAttemptAt,
    @Schema(nullable = true) OffsetDateTime lastAttemptAt,
    @Schema(nullable = true) Integer lastStatusCode,
    @Schema(nullable = true) String lastError,
    @Schema(nullable = true) OffsetDateTime deliveredAt,
    @Schema(required = true) OffsetDateTime createdAt,
    @Schema(required = true) OffsetDateTime updatedAt,
    @Schema(required = true, description = "Every attempt, oldest first, across rounds")
        List<AttemptView> attemptLog) {

  static DeliveryDetailView of(Delivery d, List<DeliveryAttempt> log) {
    return new DeliveryDetailView(
        d.id,
        d.subscriptionId,
        d.eventId,
        d.eventType,
        d.projectId,
        d.status,
        d.attempts,
        d.nextAttemptAt,
        d.lastAttemptAt,
        d.lastStatusCode,
        d.lastError,
        d.deliveredAt,
        d.createdAt,
        d.updatedAt,
        log.stream().map(AttemptView::of).toList());
  }
}
