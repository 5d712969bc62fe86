package io.tollgate.gateway.security;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

/**
 * How many forwarded requests each caller has in flight, and a cap on it: a caller that holds many
 * requests open (slow or stalled uploads, a slow service) holds as many upstream connections, which
 * the rate limit, counting requests per second, does not see. Keyed as the rate limit is ({@link
 * Identity#rateLimitKey()}). Per gateway instance.
 *
 * <p>A caller is in the table only while it has a request in flight: its entry goes with its last
 * request, so the table holds at most as many entries as there are requests in flight.
 */
public final class InFlightLimiter {

  /** The {@code gateway.rate-limit.max-in-flight} that turns the cap off. */
  public static final int UNCAPPED = -1;

  private static final BiFunction<String, Integer, Integer> ONE_MORE =
      (key, n) -> n == null ? 1 : n + 1;
  private static final BiFunction<String, Integer, Integer> ONE_LESS =
      (key, n) -> n <= 1 ? null : n - 1;

  private final int max;
  private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();

  /**
   * @param enabled false turns the cap off, as it turns the rate limit off
   * @param maxInFlight the most requests a caller may have in flight, or {@link #UNCAPPED}
   * @throws IllegalArgumentException for any other value under 1
   */
  public InFlightLimiter(boolean enabled, int maxInFlight) {
    if (maxInFlight < 1 && maxInFlight != UNCAPPED) {
      throw new IllegalArgumentException(
          "gateway.rate-limit.max-in-flight must be at least 1, or "
              + UNCAPPED
              + " for no cap, but is "
              + maxInFlight);
    }
    this.max = enabled ? maxInFlight : UNCAPPED;
  }

  public boolean enabled() {
    return max != UNCAPPED;
  }

  /** The most requests a caller may have in flight. */
  public int max() {
    return max;
  }

  /**
   * Counts one more request of {@code key} in flight and answers its place, or answers null and
   * counts nothing when the caller has {@link #max()} in flight already.
   */
  public Place tryAcquire(String key) {
    Integer now = inFlight.get(key);
    if (now != null && now >= max) {
      return null;
    }
    if (inFlight.compute(key, ONE_MORE) <= max) {
      return new Place(key);
    }
    // another request of the caller took the last place meanwhile
    release(key);
    return null;
  }

  private void release(String key) {
    inFlight.computeIfPresent(key, ONE_LESS);
  }

  /**
   * One request's place among its caller's requests in flight. Whatever sees the request end may
   * give it back; only the first does.
   */
  public final class Place {

    private final String key;
    private final AtomicBoolean released = new AtomicBoolean();

    private Place(String key) {
      this.key = key;
    }

    /** Gives the place back, the first time only. */
    public void release() {
      if (released.compareAndSet(false, true)) {
        InFlightLimiter.this.release(key);
      }
    }
  }

  /** Requests of {@code key} in flight. */
  int inFlight(String key) {
    return inFlight.getOrDefault(key, 0);
  }

  /** Callers with a request in flight. */
  int callers() {
    return inFlight.size();
  }
}
