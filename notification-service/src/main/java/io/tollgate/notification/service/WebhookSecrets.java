package io.tollgate.notification.service;

import java.security.SecureRandom;
import java.util.Base64;

/** Webhook signing secrets as Standard Webhooks writes them: {@code whsec_} and base64. */
public final class WebhookSecrets {

  public static final String PREFIX = "whsec_";
  private static final int BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private WebhookSecrets() {}

  /** A new secret: {@code whsec_} and the base64 of 32 random bytes. Never log it. */
  public static String generate() {
    byte[] key = new byte[BYTES];
    RANDOM.nextBytes(key);
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }
}
