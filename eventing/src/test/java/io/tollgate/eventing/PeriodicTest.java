package io.tollgate.eventing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicTest {

  /** A run that throws (the database was down for it) does not end the schedule. */
  @Test
  void aFailedRunIsFollowedByTheNextOne() throws InterruptedException {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch fourRuns = new CountDownLatch(4);
    Periodic timer =
        Periodic.every(
            Duration.ofMillis(10),
            "periodic-test",
            () -> {
              fourRuns.countDown();
              if (runs.incrementAndGet() <= 2) {
                throw new IllegalStateException("database unavailable");
              }
            });
    try {
      assertTrue(fourRuns.await(10, TimeUnit.SECONDS), "runs after two failures: " + runs.get());
    } finally {
      timer.stop();
    }
  }
}
