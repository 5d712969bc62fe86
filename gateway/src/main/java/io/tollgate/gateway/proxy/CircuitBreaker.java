package io.tollgate.gateway.proxy;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A consecutive-failure circuit breaker for one upstream.
 *
 * <p>CLOSED lets everything through and counts consecutive failures; at the threshold it OPENs and
 * refuses every request for the cool-down; then it is HALF_OPEN and lets exactly one probe through:
 * its success closes the circuit, its failure opens it for another cool-down. A probe whose outcome
 * never arrives (the client went away) is replaced by a new one after a further cool-down, so the
 * circuit cannot stay stuck half-open.
 */
final class CircuitBreaker {

  /** The states, with the gauge value each one is published as. */
  enum State {
    CLOSED(0),
    OPEN(1),
    HALF_OPEN(2);

    final int gauge;

    State(int gauge) {
      this.gauge = gauge;
    }
  }

  private final boolean enabled;
  private final int threshold;
  private final long openNanos;
  private final LongSupplier clock;

  private State state = State.CLOSED;
  private int failures;
  private long openedAt;
  private long probeStartedAt;
  private boolean probing;

  CircuitBreaker(boolean enabled, int threshold, Duration openDuration) {
    this(enabled, threshold, openDuration, System::nanoTime);
  }

  CircuitBreaker(boolean enabled, int threshold, Duration openDuration, LongSupplier clock) {
    if (threshold < 1) {
      throw new IllegalArgumentException(
          "gateway.circuit-breaker.failure-threshold must be at least 1");
    }
    this.enabled = enabled;
    this.threshold = threshold;
    this.openNanos = openDuration.toNanos();
    this.clock = clock;
  }

  /** Whether a request may go to the upstream now; a probe is admitted at most once at a time. */
  synchronized boolean tryAcquire() {
    if (!enabled) {
      return true;
    }
    long now = clock.getAsLong();
    switch (state) {
      case CLOSED:
        return true;
      case OPEN:
        if (now - openedAt < openNanos) {
          return false;
        }
        state = State.HALF_OPEN;
        return startProbe(now);
      default:
        // HALF_OPEN: one probe at a time; a probe that never reported is given up on
        if (probing && now - probeStartedAt < openNanos) {
          return false;
        }
        return startProbe(now);
    }
  }

  private boolean startProbe(long now) {
    probing = true;
    probeStartedAt = now;
    return true;
  }

  synchronized void onSuccess() {
    failures = 0;
    probing = false;
    state = State.CLOSED;
  }

  /** The request ended without telling anything about the upstream (the client went away). */
  synchronized void onAbandoned() {
    probing = false;
  }

  synchronized void onFailure() {
    if (!enabled) {
      return;
    }
    probing = false;
    failures++;
    if (state == State.HALF_OPEN || failures >= threshold) {
      state = State.OPEN;
      openedAt = clock.getAsLong();
    }
  }

  synchronized State state() {
    return state;
  }

  /** Whole seconds until an open circuit admits a probe, at least 1; for {@code Retry-After}. */
  synchronized long retryAfterSeconds() {
    long remaining = state == State.OPEN ? openNanos - (clock.getAsLong() - openedAt) : openNanos;
    return Math.max(1, (remaining + 999_999_999L) / 1_000_000_000L);
  }
}
