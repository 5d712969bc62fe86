package io.tollgate.notification.messaging;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The data of tollgate.notification.delivery-dead-lettered.v1 (schemas/notification-event.v1.json).
 */
public record DeliveryDeadLetteredData(
    UUID deliveryId,
    UUID subscriptionId,
    UUID projectId,
    String eventId,
    String eventType,
    int attempts,
    Integer lastStatusCode,
    String lastError,
    OffsetDateTime deadAt) {}
