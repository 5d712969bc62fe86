package io.tollgate.gateway.proxy;

import java.util.UUID;
import java.util.regex.Pattern;

/** The {@code X-Request-Id} correlation header: kept when a caller sent a sane one, else new. */
final class RequestIds {

  static final String HEADER = "X-Request-Id";

  // Ids end up in upstream logs; refuse anything that could smuggle in log lines or huge values.
  private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:@+=/-]{1,128}");

  private RequestIds() {}

  /** The id to use for a request that arrived with {@code incoming} (possibly null). */
  static String resolve(String incoming) {
    if (incoming != null && ACCEPTED.matcher(incoming).matches()) {
      return incoming;
    }
    return UUID.randomUUID().toString();
  }
}
