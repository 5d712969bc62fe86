package io.tollgate.gateway.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets, one per caller: {@code burst} tokens at most, refilled continuously at {@code
 * rate} per second; every request takes one. Per gateway instance: with N replicas a caller gets up
 * to N times the rate.
 *
 * <p>At most {@link #MAX_CALLERS} buckets are kept for client addresses ({@link #addressKey}), so
 * that a flood of distinct addresses cannot fill the heap. A new address that finds the table full
 * first has full buckets (the same as new ones) swept out, at most once a second; while there is
 * still no room, new addresses share one bucket. Callers that have a bucket keep it, a flood cannot
 * reset anyone's limit, and users and API keys (only as many as there are) always get their own.
 */
public final class RateLimiter {

  /** Buckets kept before a new client address gets none of its own: about 12 MB of heap. */
  public static final int MAX_CALLERS = 100_000;

  private static final String ADDRESS = "ip:";

  private static final long SWEEP_INTERVAL_NANOS = 1_000_000_000L;

  /**
   * The outcome of one request against its bucket, with the values of the {@code RateLimit-*}
   * headers (draft-ietf-httpapi-ratelimit-headers).
   *
   * @param allowed whether the request may proceed
   * @param limit the bucket size ({@code RateLimit-Limit})
   * @param remaining whole tokens left after this request ({@code RateLimit-Remaining})
   * @param resetSeconds seconds until the bucket is full again ({@code RateLimit-Reset})
   * @param retryAfterSeconds for a refused request, seconds until one token is back ({@code
   *     Retry-After}); 0 when allowed
   */
  public record Decision(
      boolean allowed, int limit, long remaining, long resetSeconds, long retryAfterSeconds) {}

  private final boolean enabled;
  private final double ratePerNano;
  private final int burst;
  private final LongSupplier clock;
  private final int maxCallers;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  // shared by the callers that come while the table is full
  private final Bucket overflow;
  private volatile long sweptAt;

  public RateLimiter(boolean enabled, double requestsPerSecond, int burst) {
    this(enabled, requestsPerSecond, burst, MAX_CALLERS, System::nanoTime);
  }

  RateLimiter(boolean enabled, double requestsPerSecond, int burst, LongSupplier clock) {
    this(enabled, requestsPerSecond, burst, MAX_CALLERS, clock);
  }

  RateLimiter(
      boolean enabled, double requestsPerSecond, int burst, int maxCallers, LongSupplier clock) {
    if (requestsPerSecond <= 0) {
      throw new IllegalArgumentException("gateway.rate-limit.requests-per-second must be > 0");
    }
    if (burst < 1) {
      throw new IllegalArgumentException("gateway.rate-limit.burst must be at least 1");
    }
    this.enabled = enabled;
    this.ratePerNano = requestsPerSecond / 1e9;
    this.burst = burst;
    this.maxCallers = maxCallers;
    this.clock = clock;
    long now = clock.getAsLong();
    this.overflow = new Bucket(burst, now);
    this.sweptAt = now - SWEEP_INTERVAL_NANOS;
  }

  public boolean enabled() {
    return enabled;
  }

  /** The bucket key of a client address, for callers without a credential. */
  public static String addressKey(String address) {
    return ADDRESS + address;
  }

  /** Takes one token from {@code key}'s bucket if there is one. */
  public Decision acquire(String key) {
    return bucket(key).take(clock.getAsLong());
  }

  /**
   * Gives back a token taken from {@code key}'s bucket (never beyond the burst): its own, or the
   * one newcomers share while the table is full, as {@link #acquire} charged it.
   */
  public void refund(String key) {
    Bucket bucket = buckets.get(key);
    if (bucket == null && key.startsWith(ADDRESS) && buckets.size() >= maxCallers) {
      bucket = overflow;
    }
    if (bucket != null) {
      bucket.refund();
    }
  }

  /** Forgets buckets that have refilled completely: they are the same as a new one. */
  public void evictFull() {
    long now = clock.getAsLong();
    buckets.values().removeIf(bucket -> bucket.isFull(now));
  }

  int size() {
    return buckets.size();
  }

  private Bucket bucket(String key) {
    Bucket bucket = buckets.get(key);
    if (bucket != null) {
      return bucket;
    }
    if (!hasRoom(key)) {
      return overflow;
    }
    return buckets.computeIfAbsent(key, k -> new Bucket(burst, clock.getAsLong()));
  }

  /** Whether a new caller gets a bucket of its own; sweeps out full ones when the table is full. */
  private boolean hasRoom(String key) {
    if (!key.startsWith(ADDRESS) || buckets.size() < maxCallers) {
      return true;
    }
    long now = clock.getAsLong();
    if (now - sweptAt >= SWEEP_INTERVAL_NANOS) {
      sweptAt = now;
      evictFull();
    }
    return buckets.size() < maxCallers;
  }

  private final class Bucket {

    private double tokens;
    private long updatedAt;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.updatedAt = now;
    }

    synchronized Decision take(long now) {
      refill(now);
      boolean allowed = tokens >= 1;
      if (allowed) {
        tokens -= 1;
      }
      long reset = seconds((burst - tokens) / ratePerNano);
      long retryAfter = allowed ? 0 : Math.max(1, seconds((1 - tokens) / ratePerNano));
      return new Decision(allowed, burst, (long) Math.floor(tokens), reset, retryAfter);
    }

    synchronized void refund() {
      tokens = Math.min(burst, tokens + 1);
    }

    synchronized boolean isFull(long now) {
      refill(now);
      return tokens >= burst;
    }

    private void refill(long now) {
      if (now > updatedAt) {
        tokens = Math.min(burst, tokens + (now - updatedAt) * ratePerNano);
        updatedAt = now;
      }
    }
  }

  private static long seconds(double nanos) {
    return (long) Math.ceil(nanos / 1e9);
  }
}
