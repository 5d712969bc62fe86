package io.tollgate.notification.rest;

import io.tollgate.notification.model.Notification;
import io.tollgate.notification.model.Severity;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One notification of the caller's inbox, as GET and the live stream answer it. */
@Schema(name = "Notification", description = "An in-app notification of the caller")
public record NotificationView(
    @Schema(required = true) UUID id,
    @Schema(required = true, description = "The CloudEvent it is about") String eventId,
    @Schema(required = true, example = "tollgate.milestone.updated.v1") String eventType,
    @Schema(required = true, nullable = true, description = "The event's project") UUID projectId,
    @Schema(
            required = true,
            nullable = true,
            description = "The subscription that brought it; null once that subscription is gone")
        UUID subscriptionId,
    @Schema(required = true) Severity severity,
    @Schema(
            required = true,
            maxLength = 300,
            description = "In the subscription's audience's language",
            example = "Security audit of Apollo is 6 days late")
        String title,
    @Schema(required = true, maxLength = 2000) String message,
    @Schema(required = true) OffsetDateTime createdAt,
    @Schema(required = true, description = "Whether it has been read") boolean read,
    @Schema(required = true, nullable = true, description = "When it was read; null while unread")
        OffsetDateTime readAt) {

  public static NotificationView of(Notification n) {
    return new NotificationView(
        n.id,
        n.eventId,
        n.eventType,
        n.projectId,
        n.subscriptionId,
        n.severity,
        n.title,
        n.message,
        n.createdAt,
        n.readAt != null,
        n.readAt);
  }
}
