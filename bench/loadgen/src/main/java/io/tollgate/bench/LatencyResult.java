package io.tollgate.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.HdrHistogram.Histogram;

/** What an {@link OpenLoop} measured after its warm-up. Latencies in microseconds. */
public record LatencyResult(
    double rate,
    Duration warmup,
    Duration duration,
    int connections,
    long ok,
    long errors,
    Map<String, Long> errorKinds,
    Histogram latency,
    Histogram service,
    Duration maxStartLag,
    Duration elapsed) {

  /** The percentiles every figure carries. */
  static final double[] PERCENTILES = {50, 90, 99, 99.9};

  public long count() {
    return ok + errors;
  }

  /** Completed requests per second over the measured window. */
  public double achievedRate() {
    double seconds = Math.max(duration.toNanos(), elapsed.toNanos()) / 1e9;
    return count() / seconds;
  }

  /** A latency percentile (from the intended start) in milliseconds. */
  public double percentileMillis(double percentile) {
    return latency.getValueAtPercentile(percentile) / 1000d;
  }

  static String pkey(double p) {
    return "p"
        + (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)).replace('.', '_');
  }

  /** Writes {@code prefix.key=value} lines for the report. */
  void putInto(Properties props, String prefix) {
    props.setProperty(prefix + "rate", fmt(rate));
    props.setProperty(prefix + "warmup_s", fmt(warmup.toMillis() / 1000d));
    props.setProperty(prefix + "duration_s", fmt(duration.toMillis() / 1000d));
    props.setProperty(prefix + "connections", String.valueOf(connections));
    props.setProperty(prefix + "count", String.valueOf(count()));
    props.setProperty(prefix + "ok", String.valueOf(ok));
    props.setProperty(prefix + "errors", String.valueOf(errors));
    props.setProperty(prefix + "error_kinds", errorKinds.toString());
    props.setProperty(prefix + "achieved_rate", fmt(achievedRate()));
    for (double p : PERCENTILES) {
      props.setProperty(prefix + pkey(p) + "_ms", fmt(latency.getValueAtPercentile(p) / 1000d));
      props.setProperty(
          prefix + "service_" + pkey(p) + "_ms", fmt(service.getValueAtPercentile(p) / 1000d));
    }
    props.setProperty(prefix + "max_ms", fmt(latency.getMaxValue() / 1000d));
    props.setProperty(prefix + "mean_ms", fmt(latency.getMean() / 1000d));
    props.setProperty(prefix + "max_start_lag_ms", fmt(maxStartLag.toNanos() / 1e6));
  }

  void print(PrintStream out, String label) {
    out.printf(
        Locale.ROOT,
        "%s: %d requests at %.0f/s intended (%.1f/s achieved), %d in flight max, %ss measured"
            + " after %ss warm-up, %d errors %s%n",
        label,
        count(),
        rate,
        achievedRate(),
        connections,
        fmt(duration.toMillis() / 1000d),
        fmt(warmup.toMillis() / 1000d),
        errors,
        errors == 0 ? "" : errorKinds.toString());
    out.printf(
        Locale.ROOT,
        "  latency from intended start (ms): p50 %s  p90 %s  p99 %s  p99.9 %s  max %s%n",
        ms(latency, 50),
        ms(latency, 90),
        ms(latency, 99),
        ms(latency, 99.9),
        fmt(latency.getMaxValue() / 1000d));
    out.printf(
        Locale.ROOT,
        "  service time from actual send (ms): p50 %s  p99 %s; latest start %s ms%n",
        ms(service, 50),
        ms(service, 99),
        fmt(maxStartLag.toNanos() / 1e6));
  }

  static String ms(Histogram h, double p) {
    return fmt(h.getValueAtPercentile(p) / 1000d);
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  static void store(Properties props, Path file) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      StringBuilder sb = new StringBuilder();
      props.stringPropertyNames().stream()
          .sorted()
          .forEach(k -> sb.append(k).append('=').append(props.getProperty(k)).append('\n'));
      Files.writeString(file, sb.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
