package io.tollgate.eventing;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.jboss.logging.Logger;

/**
 * A service's housekeeping in the background: a task run on a daemon thread of its own, once per
 * interval after the previous run ended, until {@link #stop()}. A run that fails is logged and the
 * next one comes at its time: an exception escaping to the executor would end the schedule for
 * good, silently (a database outage during one run stopped the health monitor until a restart).
 */
public final class Periodic {

  private static final Logger LOG = Logger.getLogger(Periodic.class);

  private final ScheduledExecutorService timer;

  private Periodic(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  /**
   * Starts {@code task} every {@code interval}, first after one interval, on thread {@code name}.
   */
  public static Periodic every(Duration interval, String name, Runnable task) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, name);
              thread.setDaemon(true);
              return thread;
            });
    long millis = interval.toMillis();
    Runnable guarded =
        () -> {
          try {
            task.run();
          } catch (RuntimeException | LinkageError | AssertionError e) {
            LOG.warnf(e, "%s failed, trying again in %s", name, interval);
          }
        };
    timer.scheduleWithFixedDelay(guarded, millis, millis, TimeUnit.MILLISECONDS);
    return new Periodic(timer);
  }

  /** Stops the schedule and interrupts a run in progress. */
  public void stop() {
    timer.shutdownNow();
  }

  /**
   * Runs {@code deleteBatch} in transactions of its own until one deletes fewer rows than {@code
   * batchSize} (or the thread is interrupted), and answers how many rows were deleted in all. Each
   * transaction is short, so that a purge never holds back PostgreSQL's cleanup of the server.
   */
  public static long deleteInBatches(int batchSize, IntSupplier deleteBatch) {
    long total = 0;
    int deleted;
    do {
      deleted = QuarkusTransaction.requiringNew().call(deleteBatch::getAsInt);
      total += deleted;
    } while (deleted == batchSize && !Thread.currentThread().isInterrupted());
    return total;
  }
}
