package io.tollgate.notification.service;

import io.tollgate.notification.model.Channel;
import io.tollgate.notification.model.Delivery;
import io.tollgate.notification.model.NotificationEvent;
import io.tollgate.notification.model.Subscription;

/**
 * Sends one delivery through one channel (WEBHOOK, EMAIL). The dispatcher claims due deliveries,
 * calls the sender of their subscription's channel outside any transaction, and records the
 * outcome; a sender never throws for the receiver's failure, it answers it.
 */
public interface DeliverySender {

  Channel channel();

  Outcome send(Delivery delivery, Subscription subscription, NotificationEvent event);

  /**
   * What one attempt came to.
   *
   * @param delivered whether the receiver accepted it (a 2xx, an SMTP 250)
   * @param statusCode the receiver's status; null when none came (timeout, refused connection)
   * @param error why it failed, for the delivery log; null when delivered
   * @param response the start of the receiver's answer (at most 1,000 characters), or null
   * @param durationMillis how long the attempt took
   */
  record Outcome(
      boolean delivered, Integer statusCode, String error, String response, int durationMillis) {}
}
