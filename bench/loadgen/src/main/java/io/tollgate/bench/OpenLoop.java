package io.tollgate.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * An open-model load loop that does not suffer from coordinated omission.
 *
 * <p>Request {@code k} is due at {@code t0 + k / rate}, whatever happened to the requests before
 * it. A fixed set of workers (the maximum number of requests in flight, like wrk2's connections)
 * takes the due times in order; a worker that is still busy when the next request is due makes that
 * request late, and the lateness counts: latency is measured from the <em>intended</em> start time,
 * so a server stall shows up in every request that should have been sent during it, not only in the
 * one that was stuck. The time from the actual send ("service time") is recorded alongside, so the
 * two can be told apart.
 *
 * <p>Requests due during the warm-up are sent the same way but not recorded.
 */
public final class OpenLoop {

  /** One request: performs request number {@code seq} and returns the HTTP status. */
  @FunctionalInterface
  public interface Call {
    int call(long seq) throws Exception;
  }

  /** What a run is asked to do. */
  public record Config(
      double rate, Duration warmup, Duration duration, int connections, int expectedStatus) {
    public Config {
      if (rate <= 0) {
        throw new IllegalArgumentException("rate must be > 0");
      }
      if (connections <= 0) {
        throw new IllegalArgumentException("connections must be > 0");
      }
    }
  }

  /** Values are recorded in microseconds; anything above two minutes is clamped. */
  static final long HIGHEST_MICROS = Duration.ofMinutes(2).toNanos() / 1000;

  private OpenLoop() {}

  static Histogram newHistogram() {
    return new Histogram(HIGHEST_MICROS, 3);
  }

  static void record(Histogram h, long nanos) {
    h.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, nanos / 1000)));
  }

  /** Runs the loop to its end and returns what was measured after the warm-up. */
  public static LatencyResult run(Config config, Call call) throws InterruptedException {
    long interval = Math.max(1, Math.round(1_000_000_000d / config.rate()));
    long t0 = System.nanoTime() + 20_000_000; // a moment for every worker to be parked
    long measureFrom = t0 + config.warmup().toNanos();
    long end = measureFrom + config.duration().toNanos();
    AtomicLong next = new AtomicLong();
    List<Worker> workers = new ArrayList<>();
    for (int i = 0; i < config.connections(); i++) {
      Worker w = new Worker(config, call, next, t0, interval, measureFrom, end);
      w.thread = new Thread(w, "loadgen-" + i);
      w.thread.setDaemon(true);
      workers.add(w);
    }
    workers.forEach(w -> w.thread.start());
    for (Worker w : workers) {
      w.thread.join();
    }
    long finished = System.nanoTime();
    Histogram latency = newHistogram();
    Histogram service = newHistogram();
    long ok = 0;
    long errors = 0;
    long maxLag = 0;
    long lastDone = measureFrom;
    Map<String, Long> errorKinds = new TreeMap<>();
    for (Worker w : workers) {
      latency.add(w.latency);
      service.add(w.service);
      ok += w.ok;
      errors += w.errors;
      maxLag = Math.max(maxLag, w.maxLag);
      lastDone = Math.max(lastDone, w.lastDone);
      w.errorKinds.forEach((k, v) -> errorKinds.merge(k, v, Long::sum));
    }
    return new LatencyResult(
        config.rate(),
        config.warmup(),
        config.duration(),
        config.connections(),
        ok,
        errors,
        errorKinds,
        latency,
        service,
        Duration.ofNanos(maxLag),
        Duration.ofNanos(Math.max(lastDone, finished) - measureFrom));
  }

  private static final class Worker implements Runnable {
    final Config config;
    final Call call;
    final AtomicLong next;
    final long t0;
    final long interval;
    final long measureFrom;
    final long end;
    final Histogram latency = newHistogram();
    final Histogram service = newHistogram();
    final Map<String, Long> errorKinds = new TreeMap<>();
    long ok;
    long errors;
    long maxLag;
    long lastDone;
    Thread thread;

    Worker(
        Config config,
        Call call,
        AtomicLong next,
        long t0,
        long interval,
        long measureFrom,
        long end) {
      this.config = config;
      this.call = call;
      this.next = next;
      this.t0 = t0;
      this.interval = interval;
      this.measureFrom = measureFrom;
      this.end = end;
    }

    @Override
    public void run() {
      while (true) {
        long seq = next.getAndIncrement();
        long intended = t0 + seq * interval;
        if (intended >= end) {
          return;
        }
        long now;
        while ((now = System.nanoTime()) < intended) {
          LockSupport.parkNanos(intended - now);
        }
        long sent = now;
        String error = null;
        try {
          int status = call.call(seq);
          if (status != config.expectedStatus()) {
            error = "HTTP " + status;
          }
        } catch (Exception e) {
          error = e.getClass().getSimpleName();
        }
        long done = System.nanoTime();
        if (intended >= measureFrom) {
          record(latency, done - intended);
          record(service, done - sent);
          maxLag = Math.max(maxLag, sent - intended);
          lastDone = done;
          if (error == null) {
            ok++;
          } else {
            errors++;
            errorKinds.merge(error, 1L, Long::sum);
          }
        }
      }
    }
  }
}
