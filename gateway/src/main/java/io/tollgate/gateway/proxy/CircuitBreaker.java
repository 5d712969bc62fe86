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
 *
 * <p>Every admission is a permit that names the breaker's generation, which moves on with every
 * change of state and every probe; an outcome counts only if its permit is of the current one. A
 * slow request let through while the circuit was closed therefore cannot close an open circuit
 * without a probe when it finally succeeds, nor open it again, nor free the probe's place.
 */
final class CircuitBreaker {

  /** What {@link #tryAcquire} answers when the request may not go to the upstream. */
  static final long REFUSED = -1;

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
  private long generation;
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

  /**
   * A permit for a request to go to the upstream now, to be handed back with its outcome, or {@link
   * #REFUSED}; a probe is admitted at most once at a time.
   */
  synchronized long tryAcquire() {
    if (!enabled) {
      return generation;
    }
    long now = clock.getAsLong();
    switch (state) {
      case CLOSED:
        return generation;
      case OPEN:
        if (now - openedAt < openNanos) {
          return REFUSED;
        }
        state = State.HALF_OPEN;
        return startProbe(now);
      default:
        // HALF_OPEN: one probe at a time; a probe that never reported is given up on
        if (probing && now - probeStartedAt < openNanos) {
          return REFUSED;
        }
        return startProbe(now);
    }
  }

  private long startProbe(long now) {
    probing = true;
    probeStartedAt = now;
    return ++generation;
  }

  synchronized void onSuccess(long permit) {
    if (permit != generation) {
      return;
    }
    failures = 0;
    probing = false;
    if (state != State.CLOSED) {
      state = State.CLOSED;
      generation++;
    }
  }

  /** The request ended without telling anything about the upstream (the client went away). */
  synchronized void onAbandoned(long permit) {
    if (permit == generation) {
      probing = false;
    }
  }

  synchronized void onFailure(long permit) {
    if (!enabled || permit != generation) {
      return;
    }
    probing = false;
    failures++;
    if (state == State.HALF_OPEN || failures >= threshold) {
      state = State.OPEN;
      openedAt = clock.getAsLong();
      generation++;
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
