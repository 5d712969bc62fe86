package io.tollgate.notification.messaging;

import io.tollgate.eventing.Outbox;
import io.tollgate.notification.model.Delivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Publishes notification.events (asyncapi.yaml) through the outbox, in the transaction of the
 * change, so that an integrator's monitoring hears of a delivery given up on.
 */
@ApplicationScoped
public class NotificationEvents {

  public static final String TOPIC = "notification.events";
  public static final String DELIVERY_DEAD_LETTERED =
      "tollgate.notification.delivery-dead-lettered.v1";

  private final Outbox outbox;

  NotificationEvents(Outbox outbox) {
    this.outbox = outbox;
  }

  /**
   * The delivery is DEAD. Keyed by its project (by its subscription when it has none), so one
   * project's dead letters arrive in order.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void deadLettered(Delivery d) {
    String key = (d.projectId != null ? d.projectId : d.subscriptionId).toString();
    outbox.publish(
        TOPIC,
        key,
        DELIVERY_DEAD_LETTERED,
        d.id.toString(),
        new DeliveryDeadLetteredData(
            d.id,
            d.subscriptionId,
            d.projectId,
            d.eventId,
            d.eventType,
            d.attempts,
            d.lastStatusCode,
            d.lastError,
            d.updatedAt));
  }
}
