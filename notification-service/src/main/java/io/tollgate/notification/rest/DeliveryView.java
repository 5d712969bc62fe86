package io.tollgate.notification.rest;

import io.tollgate.notification.model.Delivery;
import io.tollgate.notification.model.DeliveryStatus;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One event on its way to a subscription's receiver: where it stands. */
@Schema(name = "Delivery", description = "One event on its way to a subscription's receiver")
public record DeliveryView(
    @Schema(required = true, description = "The delivery's id, sent as webhook-id on every attempt")
        UUID id,
    @Schema(required = true) UUID subscriptionId,
    @Schema(required = true, description = "The CloudEvent's id") String eventId,
    @Schema(required = true, examples = "tollgate.risk.assessed.v1") String eventType,
    @Schema(nullable = true, description = "The event's project, when it has one") UUID projectId,
    @Schema(
            required = true,
            description =
                "PENDING: waiting for its next attempt; DELIVERED: the receiver accepted it;"
                    + " DEAD: every attempt of its round failed")
        DeliveryStatus status,
    @Schema(required = true, description = "Attempts in the current round") int attempts,
    @Schema(nullable = true, description = "When the next attempt is due (PENDING only)")
        OffsetDateTime nextAttemptAt,
    @Schema(nullable = true) OffsetDateTime lastAttemptAt,
    @Schema(nullable = true, description = "The receiver's last status; null when none came")
        Integer lastStatusCode,
    @Schema(nullable = true, description = "Why the last attempt failed") String lastError,
    @Schema(nullable = true) OffsetDateTime deliveredAt,
    @Schema(required = true) OffsetDateTime createdAt,
    @Schema(required = true) OffsetDateTime updatedAt) {

  static DeliveryView of(Delivery d) {
    return new DeliveryView(
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
        d.updatedAt);
  }
}
