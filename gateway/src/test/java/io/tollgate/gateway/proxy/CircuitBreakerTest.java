package io.tollgate.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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
    breaker.onFailure(admitted());
    breaker.onFailure(admitted());
    breaker.onSuccess(admitted()); // resets the count
    breaker.onFailure(admitted());
    breaker.onFailure(admitted());
    assertEquals(State.CLOSED, breaker.state());
    breaker.onFailure(admitted());
    assertEquals(State.OPEN, breaker.state());
    assertEquals(CircuitBreaker.REFUSED, breaker.tryAcquire());
    assertEquals(10, breaker.retryAfterSeconds());
    advance(Duration.ofMillis(9_500));
    assertEquals(CircuitBreaker.REFUSED, breaker.tryAcquire());
    assertEquals(1, breaker.retryAfterSeconds());
  }

  @Test
  void admitsOneProbeAfterTheCoolDown() {
    open();
    advance(Duration.ofSeconds(10));
    long probe = admitted();
    assertEquals(State.HALF_OPEN, breaker.state());
    assertEquals(
        CircuitBreaker.REFUSED, breaker.tryAcquire(), "a second request while the probe is out");
    breaker.onSuccess(probe);
    assertEquals(State.CLOSED, breaker.state());
    admitted();
  }

  @Test
  void aFailedProbeOpensAgainForAFullCoolDown() {
    open();
    advance(Duration.ofSeconds(10));
    breaker.onFailure(admitted());
    assertEquals(State.OPEN, breaker.state());
    advance(Duration.ofSeconds(9));
    assertEquals(CircuitBreaker.REFUSED, breaker.tryAcquire());
    advance(Duration.ofSeconds(1));
    admitted();
  }

  @Test
  void aProbeThatNeverReportsIsReplaced() {
    open();
    advance(Duration.ofSeconds(10));
    long lost = admitted();
    advance(Duration.ofSeconds(5));
    assertEquals(CircuitBreaker.REFUSED, breaker.tryAcquire());
    advance(Duration.ofSeconds(5));
    long probe = admitted();
    // the first probe's answer, should it come after all, no longer decides
    breaker.onFailure(lost);
    assertEquals(State.HALF_OPEN, breaker.state());
    breaker.onSuccess(probe);
    assertEquals(State.CLOSED, breaker.state());
  }

  /**
   * A slow request let through while the circuit was closed ends after it opened: its success does
   * not close the circuit without a probe, its failure does not open it again, and its client
   * leaving does not free the probe's place.
   */
  @Test
  void outcomesOfRequestsLetThroughBeforeTheCircuitChangedDoNotCount() {
    long slowSuccess = admitted();
    long slowFailure = admitted();
    long slowAbandoned = admitted();
    open();
    breaker.onSuccess(slowSuccess);
    assertEquals(State.OPEN, breaker.state(), "closed by a request from before");
    advance(Duration.ofSeconds(10));
    long probe = admitted();
    breaker.onAbandoned(slowAbandoned);
    assertEquals(CircuitBreaker.REFUSED, breaker.tryAcquire(), "a second probe");
    breaker.onFailure(slowFailure);
    assertEquals(State.HALF_OPEN, breaker.state(), "opened by a request from before");
    breaker.onSuccess(probe);
    assertEquals(State.CLOSED, breaker.state());
    // and the probe's own outcome, reported twice, closes it once
    open();
    breaker.onSuccess(probe);
    assertEquals(State.OPEN, breaker.state());
  }

  @Test
  void disabledNeverOpens() {
    CircuitBreaker off = new CircuitBreaker(false, 1, Duration.ofSeconds(10), now::get);
    for (int i = 0; i < 10; i++) {
      off.onFailure(off.tryAcquire());
    }
    assertNotEquals(CircuitBreaker.REFUSED, off.tryAcquire());
    assertEquals(State.CLOSED, off.state());
  }

  private long admitted() {
    long permit = breaker.tryAcquire();
    assertNotEquals(CircuitBreaker.REFUSED, permit, "refused");
    return permit;
  }

  private void open() {
    for (int i = 0; i < 3; i++) {
      breaker.onFailure(admitted());
    }
    assertEquals(State.OPEN, breaker.state());
  }

  private void advance(Duration duration) {
    now.addAndGet(duration.toNanos());
  }
}
