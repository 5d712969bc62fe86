package io.tollgate.gateway.http;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** The {@code X-Request-Id} correlation header: kept when a caller sent a sane one, else new. */
public final class RequestIds {

  public static final String HEADER = io.tollgate.http.RequestIds.HEADER;

  private RequestIds() {}

  /** The id to use for a request that arrived with {@code incoming} (possibly null). */
  public static String resolve(String incoming) {
    if (io.tollgate.http.RequestIds.accepted(incoming)) {
      return incoming;
    }
    // A correlation id, not a secret: random enough to be unique, without SecureRandom's cost.
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48); // IETF variant
    return new UUID(high, low).toString();
  }
}
