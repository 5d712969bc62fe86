package io.tollgate.notification.rest;

import io.tollgate.notification.model.DeliveryAttempt;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "DeliveryAttempt", description = "One attempt to deliver, as the log keeps it")
public record AttemptView(
    @Schema(required = true) OffsetDateTime attemptedAt,
    @Schema(nullable = true, description = "The receiver's status; null when no answer came")
        Integer statusCode,
    @Schema(required = true) int durationMs,
    @Schema(
            nullable = true,
            description =
                "Why it failed (timeout, refused connection, the status); null when delivered")
        String error,
    @Schema(
            nullable = true,
            description = "The start of the receiver's answer (at most 1,000 characters)")
        String response) {

  static AttemptView of(DeliveryAttempt a) {
    return new AttemptView(a.attemptedAt, a.statusCode, a.durationMillis, a.error, a.response);
  }
}
