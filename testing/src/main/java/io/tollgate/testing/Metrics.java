package io.tollgate.testing;

import static io.restassured.RestAssured.given;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a service under test exports on {@code /q/metrics}, read as Prometheus text: on the
 * application's port, or on a management port of its own (the gateway's, ADR 0018).
 */
public final class Metrics {

  private Metrics() {}

  /**
   * The value of one series, named as Prometheus prints it ({@code tollgate_outbox_pending}, or
   * with its labels: {@code tollgate_inbox_dead_lettered_total{topic="project.events"}}), or -1
   * when it is not exported.
   */
  public static double value(String series) {
    return text()
        .lines()
        .filter(line -> line.startsWith(series + " "))
        .mapToDouble(line -> sampleValue(line.substring(series.length())))
        .findFirst()
        .orElse(-1);
  }

  /**
   * Every series of a metric ({@code http_server_requests_seconds_count}), by its labels ({@code
   * {method=GET, status=200, ...}}, none for a metric without labels), with its value, in the order
   * they are exported; an empty map when there is none yet.
   */
  public static Map<Map<String, String>, Double> series(String metric) {
    return seriesIn(text(), metric);
  }

  /** {@link #series(String)} as the management interface on {@code port} exports it. */
  public static Map<Map<String, String>, Double> series(String metric, int port) {
    return seriesIn(text(port), metric);
  }

  /** {@link #series(String)} as read in metrics already fetched ({@link #text(int)}). */
  public static Map<Map<String, String>, Double> seriesIn(String text, String metric) {
    Map<Map<String, String>, Double> series = new LinkedHashMap<>();
    text.lines()
        .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
        .forEach(
            line -> {
              Map<String, String> labels = new LinkedHashMap<>();
              int end = metric.length();
              if (line.charAt(end) == '{') {
                end = labels(line, end + 1, labels);
              }
              series.put(Collections.unmodifiableMap(labels), sampleValue(line.substring(end)));
            });
    return series;
  }

  /** The sum of the values of the series that have every one of these labels (0 for none). */
  public static double sum(Map<Map<String, String>, Double> series, Map<String, String> labels) {
    return series.entrySet().stream()
        .filter(one -> one.getKey().entrySet().containsAll(labels.entrySet()))
        .mapToDouble(Map.Entry::getValue)
        .sum();
  }

  /** The whole of {@code /q/metrics} on the application's port. */
  public static String text() {
    return given().get("/q/metrics").then().statusCode(200).extract().asString();
  }

  /** The whole of {@code /q/metrics} on a management port, in Prometheus's text format. */
  public static String text(int port) {
    return given()
        .port(port)
        .accept("text/plain") // as a scraper asks for it
        .when()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  /**
   * Reads the labels of a sample ({@code method="GET",uri="/a/{id}",}) from {@code from}, just
   * after the opening brace, into {@code labels}; returns where the closing brace ends.
   */
  private static int labels(String line, int from, Map<String, String> labels) {
    int at = from;
    while (line.charAt(at) != '}') {
      int equals = line.indexOf('=', at);
      StringBuilder value = new StringBuilder();
      int end = equals + 2; // past the opening quote
      for (char c = line.charAt(end); c != '"'; c = line.charAt(++end)) {
        // escaped: a backslash, a quote or (as n) a line feed
        if (c == '\\') {
          c = line.charAt(++end) == 'n' ? '\n' : line.charAt(end);
        }
        value.append(c);
      }
      labels.put(line.substring(at, equals), value.toString());
      at = line.charAt(end + 1) == ',' ? end + 2 : end + 1;
    }
    return at + 1;
  }

  /**
   * The value of a sample, from what follows its name and labels: the first field; OpenMetrics may
   * follow it with an exemplar (" # {trace_id=...} 1.0 ..."), which Quarkus adds when a span was
   * current at the increment.
   */
  private static double sampleValue(String afterLabels) {
    String value = afterLabels.trim().split(" ")[0];
    return switch (value) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(value);
    };
  }
}
