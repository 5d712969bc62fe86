package io.tollgate.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InFlightLimiterTest {

  private final InFlightLimiter limiter = new InFlightLimiter(true, 2);

  @Test
  void aCallerGetsAsManyPlacesAsTheCapAndOneBackForEachRelease() {
    InFlightLimiter.Place first = limiter.tryAcquire("sub:a");
    assertNotNull(first);
    assertNotNull(limiter.tryAcquire("sub:a"));
    assertNull(limiter.tryAcquire("sub:a"));
    // a refusal takes nothing
    assertEquals(2, limiter.inFlight("sub:a"));

    first.release();
    assertNotNull(limiter.tryAcquire("sub:a"));
    assertNull(limiter.tryAcquire("sub:a"));
  }

  /** The route and the proxy may both see a request end: the place is given back once. */
  @Test
  void aPlaceIsGivenBackOnceHoweverOftenItIsReleased() {
    InFlightLimiter.Place first = limiter.tryAcquire("sub:a");
    InFlightLimiter.Place second = limiter.tryAcquire("sub:a");
    first.release();
    first.release();
    assertEquals(1, limiter.inFlight("sub:a"));
    assertNotNull(limiter.tryAcquire("sub:a"));
    assertNull(limiter.tryAcquire("sub:a"));
    second.release();
    second.release();
    assertEquals(1, limiter.inFlight("sub:a"));
  }

  @Test
  void callersHaveTheirOwnPlaces() {
    limiter.tryAcquire("sub:a");
    limiter.tryAcquire("sub:a");
    assertNull(limiter.tryAcquire("sub:a"));
    assertNotNull(limiter.tryAcquire("key:k1"));
    assertNotNull(limiter.tryAcquire("sub:b"));
  }

  @Test
  void aCallerWithNothingInFlightIsForgotten() {
    InFlightLimiter.Place a1 = limiter.tryAcquire("sub:a");
    InFlightLimiter.Place a2 = limiter.tryAcquire("sub:a");
    InFlightLimiter.Place b = limiter.tryAcquire("sub:b");
    a1.release();
    assertEquals(2, limiter.callers());
    a2.release();
    b.release();
    assertEquals(0, limiter.callers());
    assertEquals(0, limiter.inFlight("sub:a"));
  }

  /** Many threads of one caller at once never hold more than the cap, and leave nothing behind. */
  @Test
  void concurrentRequestsOfOneCallerStayWithinTheCap() throws Exception {
    InFlightLimiter shared = new InFlightLimiter(true, 3);
    AtomicInteger holding = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < 20_000; i++) {
                    InFlightLimiter.Place place = shared.tryAcquire("sub:busy");
                    if (place != null) {
                      most.accumulateAndGet(holding.incrementAndGet(), Math::max);
                      holding.decrementAndGet();
                      place.release();
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(most.get() <= 3, "most in flight at once: " + most.get());
    assertEquals(0, shared.callers());
  }

  @Test
  void minusOneOrRateLimitingOffMeansNoCap() {
    assertFalse(new InFlightLimiter(true, InFlightLimiter.UNCAPPED).enabled());
    assertFalse(new InFlightLimiter(false, 2).enabled());
    assertTrue(limiter.enabled());
  }

  /** Thrown while the gateway's router is made at start, so such a value fails the start. */
  @Test
  void aCapThatAllowsNothingIsRefused() {
    for (int nonsense : new int[] {0, -2, Integer.MIN_VALUE}) {
      IllegalArgumentException refused =
          assertThrows(IllegalArgumentException.class, () -> new InFlightLimiter(true, nonsense));
      assertEquals(
          "gateway.rate-limit.max-in-flight must be at least 1, or -1 for no cap, but is "
              + nonsense,
          refused.getMessage());
      // whether or not rate limiting is on: turning it on later must not meet a bad value
      assertThrows(IllegalArgumentException.class, () -> new InFlightLimiter(false, nonsense));
    }
  }
}
