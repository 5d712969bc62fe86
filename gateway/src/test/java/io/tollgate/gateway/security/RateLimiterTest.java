package io.tollgate.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private final AtomicLong now = new AtomicLong(5_000_000_000L);
  private final RateLimiter limiter = new RateLimiter(true, 2, 4, now::get);

  @Test
  void burstThenRefillAtTheRate() {
    for (int i = 3; i >= 0; i--) {
      RateLimiter.Decision decision = limiter.acquire("a");
      assertTrue(decision.allowed());
      assertEquals(i, decision.remaining());
      assertEquals(4, decision.limit());
    }
    RateLimiter.Decision refused = limiter.acquire("a");
    assertFalse(refused.allowed());
    assertEquals(0, refused.remaining());
    assertEquals(1, refused.retryAfterSeconds()); // half a second to the next token, rounded up
    assertEquals(2, refused.resetSeconds()); // 4 tokens at 2 per second

    advance(Duration.ofMillis(500));
    assertTrue(limiter.acquire("a").allowed());
    assertFalse(limiter.acquire("a").allowed());
  }

  @Test
  void callersHaveTheirOwnBuckets() {
    for (int i = 0; i < 4; i++) {
      limiter.acquire("a");
    }
    assertFalse(limiter.acquire("a").allowed());
    assertTrue(limiter.acquire("b").allowed());
  }

  @Test
  void refillIsCappedAtTheBurst() {
    limiter.acquire("a");
    advance(Duration.ofHours(1));
    assertEquals(3, limiter.acquire("a").remaining());
  }

  @Test
  void fullBucketsAreForgotten() {
    limiter.acquire("a");
    limiter.acquire("b");
    advance(Duration.ofSeconds(1));
    limiter.acquire("b");
    limiter.evictFull();
    assertEquals(1, limiter.size());
  }

  /**
   * A flood of distinct callers (client addresses, one request each) cannot grow the table past its
   * bound; while it is full, new callers share one bucket, and callers with a bucket keep theirs.
   */
  @Test
  void aFloodOfCallersIsBounded() {
    RateLimiter bounded = new RateLimiter(true, 2, 4, 3, now::get);
    bounded.acquire(RateLimiter.addressKey("regular"));
    for (int i = 0; i < 10_000; i++) {
      bounded.acquire(RateLimiter.addressKey("flood-" + i));
    }
    assertTrue(bounded.size() <= 3, "buckets kept: " + bounded.size());
    // the flood has emptied the newcomers' shared bucket; the regular caller still has its own
    assertFalse(bounded.acquire(RateLimiter.addressKey("newcomer")).allowed());
    assertFalse(bounded.acquire(RateLimiter.addressKey("another-newcomer")).allowed());
    // a token given back for a newcomer goes to the shared bucket that newcomers are charged
    bounded.refund(RateLimiter.addressKey("another-newcomer"));
    assertTrue(bounded.acquire(RateLimiter.addressKey("a-third-newcomer")).allowed());
    assertEquals(2, bounded.acquire(RateLimiter.addressKey("regular")).remaining());
    // users and API keys, only as many as there are, get their own bucket even now
    assertEquals(3, bounded.acquire("sub:someone").remaining());

    // buckets that have refilled are swept out, and newcomers get their own again
    advance(Duration.ofSeconds(2));
    RateLimiter.Decision newcomer = bounded.acquire(RateLimiter.addressKey("newcomer"));
    assertTrue(newcomer.allowed());
    assertEquals(3, newcomer.remaining());
    assertTrue(bounded.size() <= 3, "buckets kept: " + bounded.size());
    for (int i = 0; i < 10_000; i++) {
      bounded.acquire(RateLimiter.addressKey("flood-" + i));
    }
    assertTrue(bounded.size() <= 3, "buckets kept: " + bounded.size());
  }

  private void advance(Duration duration) {
    now.addAndGet(duration.toNanos());
  }
}
