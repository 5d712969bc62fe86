package io.tollgate.notification.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Receivers verify with the Standard Webhooks libraries, so the signature must match theirs. */
class WebhookSignatureTest {

  @Test
  void reproducesTheStandardWebhooksPublishedTestVector() {
    // the vector of the Standard Webhooks / Svix reference libraries' own tests
    assertEquals(
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
        WebhookSignature.sign(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330,
            "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8)));
  }
}
