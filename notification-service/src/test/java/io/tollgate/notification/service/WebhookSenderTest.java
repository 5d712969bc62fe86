package io.tollgate.notification.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.notification.WebhookReceiver;
import io.tollgate.notification.config.WebhooksConfig;
import io.tollgate.notification.model.Delivery;
import io.tollgate.notification.model.NotificationEvent;
import io.tollgate.notification.model.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Where http is not allowed, a subscription made while it was gets nothing in the clear. */
class WebhookSenderTest {

  private static WebhooksConfig config(boolean allowHttp) {
    return new WebhooksConfig() {
      public List<Duration> retryDelays() {
        return List.of(Duration.ofSeconds(1));
      }

      public Duration timeout() {
        return Duration.ofSeconds(2);
      }

      public int batchSize() {
        return 1;
      }

      public Duration pollInterval() {
        return Duration.ofSeconds(1);
      }

      public int maxParallel() {
        return 1;
      }

      public boolean allowHttp() {
        return allowHttp;
      }

      public boolean allowPrivateTargets() {
        // its receiver is on this machine
        return true;
      }
    };
  }

  private static DeliverySender.Outcome send(boolean allowHttp, String url) {
    Delivery d = new Delivery();
    d.id = UUID.randomUUID();
    Subscription s = new Subscription();
    s.url = url;
    s.secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    NotificationEvent e = new NotificationEvent();
    e.envelope = "{\"id\":\"1\"}";
    return new WebhookSender(config(allowHttp)).send(d, s, e);
  }

  @Test
  void plainHttpIsNotSentWhereItIsNotAllowed() {
    WebhookReceiver receiver = WebhookReceiver.get();
    String url = receiver.endpoint(n -> 200);
    DeliverySender.Outcome refused = send(false, url);
    assertFalse(refused.delivered());
    assertEquals(
        "plain http is not allowed here (tollgate.webhooks.allow-http=false)", refused.error());
    assertEquals(0, receiver.received(url).size());

    assertTrue(send(true, url).delivered());
    assertEquals(1, receiver.received(url).size());
  }
}
