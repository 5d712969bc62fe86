package io.tollgate.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for what the external tools print, and for our own result files. */
final class Outputs {

  private Outputs() {}

  /** wrk's summary. Latencies in milliseconds. */
  record Wrk(
      double requestsPerSecond,
      long requests,
      double seconds,
      long non2xx,
      long socketErrors,
      Map<String, Double> latencyMillis) {

    boolean clean() {
      return non2xx == 0 && socketErrors == 0 && requests > 0;
    }
  }

  /** pgbench's summary. */
  record Pgbench(double tps, long processed, long failed, double latencyAverageMillis) {}

  /** Kafka's EndToEndLatency tool: average with decimals, percentiles in whole milliseconds. */
  record KafkaTool(double averageMillis, long p50, long p99, long p999) {}

  private static final Pattern WRK_RPS = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
  private static final Pattern WRK_TOTAL =
      Pattern.compile("(\\d+) requests in ([\\d.]+)(us|ms|s|m|h)");
  private static final Pattern WRK_NON2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
  private static final Pattern WRK_SOCKET =
      Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
  private static final Pattern WRK_PCT =
      Pattern.compile("^\\s+(50|75|90|99)%\\s+([\\d.]+)(us|ms|s|m)\\s*$", Pattern.MULTILINE);

  static Wrk wrk(String text) {
    Matcher rps = WRK_RPS.matcher(text);
    Matcher total = WRK_TOTAL.matcher(text);
    if (!rps.find() || !total.find()) {
      throw new IllegalArgumentException("not a wrk summary");
    }
    long non2xx = 0;
    Matcher m = WRK_NON2XX.matcher(text);
    if (m.find()) {
      non2xx = Long.parseLong(m.group(1));
    }
    long socket = 0;
    m = WRK_SOCKET.matcher(text);
    if (m.find()) {
      for (int i = 1; i <= 4; i++) {
        socket += Long.parseLong(m.group(i));
      }
    }
    Map<String, Double> pct = new LinkedHashMap<>();
    m = WRK_PCT.matcher(text);
    while (m.find()) {
      pct.put("p" + m.group(1), millis(Double.parseDouble(m.group(2)), m.group(3)));
    }
    return new Wrk(
        Double.parseDouble(rps.group(1)),
        Long.parseLong(total.group(1)),
        millis(Double.parseDouble(total.group(2)), total.group(3)) / 1000,
        non2xx,
        socket,
        pct);
  }

  private static double millis(double v, String unit) {
    return switch (unit) {
      case "us" -> v / 1000;
      case "ms" -> v;
      case "s" -> v * 1000;
      case "m" -> v * 60_000;
      case "h" -> v * 3_600_000;
      default -> throw new IllegalArgumentException(unit);
    };
  }

  private static final Pattern PGB_TPS = Pattern.compile("tps = ([\\d.]+)");
  private static final Pattern PGB_DONE =
      Pattern.compile("number of transactions actually processed: (\\d+)");
  private static final Pattern PGB_FAILED =
      Pattern.compile("number of failed transactions: (\\d+)");
  private static final Pattern PGB_LAT = Pattern.compile("latency average = ([\\d.]+) ms");

  static Pgbench pgbench(String text) {
    Matcher tps = PGB_TPS.matcher(text);
    Matcher done = PGB_DONE.matcher(text);
    if (!tps.find() || !done.find()) {
      throw new IllegalArgumentException("not a pgbench summary");
    }
    Matcher failed = PGB_FAILED.matcher(text);
    Matcher lat = PGB_LAT.matcher(text);
    return new Pgbench(
        Double.parseDouble(tps.group(1)),
        Long.parseLong(done.group(1)),
        failed.find() ? Long.parseLong(failed.group(1)) : 0,
        lat.find() ? Double.parseDouble(lat.group(1)) : Double.NaN);
  }

  private static final Pattern KT_AVG = Pattern.compile("Avg latency: ([\\d.]+) ms");
  private static final Pattern KT_PCT =
      Pattern.compile("Percentiles: 50th = (\\d+), 99th = (\\d+), 99.9th = (\\d+)");

  static KafkaTool kafkaTool(String text) {
    Matcher avg = KT_AVG.matcher(text);
    Matcher pct = KT_PCT.matcher(text);
    if (!avg.find() || !pct.find()) {
      throw new IllegalArgumentException("not an EndToEndLatency summary");
    }
    return new KafkaTool(
        Double.parseDouble(avg.group(1)),
        Long.parseLong(pct.group(1)),
        Long.parseLong(pct.group(2)),
        Long.parseLong(pct.group(3)));
  }

  static Optional<String> read(Path file) {
    try {
      return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static Optional<Wrk> wrk(Path file) {
    return read(file).flatMap(t -> attempt(() -> wrk(t)));
  }

  static Optional<Pgbench> pgbench(Path file) {
    return read(file).flatMap(t -> attempt(() -> pgbench(t)));
  }

  static Optional<KafkaTool> kafkaTool(Path file) {
    return read(file).flatMap(t -> attempt(() -> kafkaTool(t)));
  }

  static Optional<Properties> props(Path file) {
    return read(file)
        .flatMap(
            t ->
                attempt(
                    () -> {
                      Properties p = new Properties();
                      try (Reader r = new StringReader(t)) {
                        p.load(r);
                      }
                      return p;
                    }));
  }

  interface Parse<T> {
    T get() throws Exception;
  }

  static <T> Optional<T> attempt(Parse<T> parse) {
    try {
      return Optional.ofNullable(parse.get());
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  static double num(Properties p, String key) {
    String v = p.getProperty(key);
    return v == null || v.isBlank() ? Double.NaN : Double.parseDouble(v.trim());
  }

  static String f(double v, int decimals) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%,." + decimals + "f", v);
  }
}
