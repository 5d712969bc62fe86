package io.tollgate.notification.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature (https://www.standardwebhooks.com): {@code v1,} and the base64
 * HMAC-SHA256 of {@code id.timestamp.body} keyed with the secret's decoded bytes, so that a
 * receiver can verify with that specification's libraries.
 */
public final class WebhookSignature {

  /** The prefix of a signing secret; the rest is the base64 of the key. */
  public static final String SECRET_PREFIX = "whsec_";

  private WebhookSignature() {}

  /** The {@code webhook-signature} header's value for one attempt. */
  public static String sign(String secret, String id, long timestamp, byte[] body) {
    String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(6) : secret;
    byte[] key = Base64.getDecoder().decode(encoded);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
