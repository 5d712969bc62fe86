package io.tollgate.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.gateway.proxy.CircuitBreaker.State;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final CircuitBreaker breaker =
      new CircuitBreaker(true, 3, Duration.ofSeconds(10), now::get);

  @Test
  void opensOnlyAfterConsecutiveFailures() {
    breaker.onFailure();
    breaker.onFailure();
    breaker.onSuccess(); // resets the count
    breaker.onFailure();
    breaker.onFailure();
    assertEquals(State.CLOSED, breaker.state());
    assertTrue(breaker.tryAcquire());
    breaker.onFailure();
    assertEquals(State.OPEN, breaker.state());
    assertFalse(breaker.tryAcquire());
    assertEquals(10, breaker.retryAfterSeconds());
    advance(Duration.ofMillis(9_500));
    assertFalse(breaker.tryAcquire());
    assertEquals(1, breaker.retryAfterSeconds());
  }

  @Test
  void admitsOneProbeAfterTheCoolDown() {
    open();
    advance(Duration.ofSeconds(10));
    assertTrue(breaker.tryAcquire(), "the probe");
    assertEquals(State.HALF_OPEN, breaker.state());
    assertFalse(breaker.tryAcquire(), "a second request while the probe is out");
    breaker.onSuccess();
    assertEquals(State.CLOSED, breaker.state());
    assertTrue(breaker.tryAcquire());
  }

  @Test
  void aFailedProbeOpensAgainForAFullCoolDown() {
    open();
    advance(Duration.ofSeconds(10));
    assertTrue(breaker.tryAcquire());
    breaker.onFailure();
    assertEquals(State.OPEN, breaker.state());
    advance(Duration.ofSeconds(9));
    assertFalse(breaker.tryAcquire());
    advance(Duration.ofSeconds(1));
    assertTrue(breaker.tryAcquire());
  }

  @Test
  void aProbeThatNeverReportsIsReplaced() {
    open();
    advance(Duration.ofSeconds(10));
    assertTrue(breaker.tryAcquire());
    advance(Duration.ofSeconds(5));
    assertFalse(breaker.tryAcquire());
    advance(Duration.ofSeconds(5));
    assertTrue(breaker.tryAcquire(), "a new probe");
  }

  @Test
  void disabledNeverOpens() {
    CircuitBreaker off = new CircuitBreaker(false, 1, Duration.ofSeconds(10), now::get);
    for (int i = 0; i < 10; i++) {
      off.onFailure();
    }
    assertTrue(off.tryAcquire());
    assertEquals(State.CLOSED, off.state());
  }

  private void open() {
    for (int i = 0; i < 3; i++) {
      breaker.onFailure();
    }
    assertEquals(State.OPEN, breaker.state());
  }

  private void advance(Duration duration) {
    now.addAndGet(duration.toNanos());
  }
}
