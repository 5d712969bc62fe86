package io.tollgate.testing;

import static io.restassured.RestAssured.given;

/** What a service under test exports on {@code /q/metrics}, read as Prometheus text. */
public final class Metrics {

  private Metrics() {}

  /**
   * The value of one series, named as Prometheus prints it ({@code tollgate_outbox_pending}, or
   * with its labels: {@code tollgate_inbox_dead_lettered_total{topic="project.events"}}), or -1
   * when it is not exported.
   */
  public static double value(String series) {
    String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
    return text.lines()
        .filter(line -> line.startsWith(series + " "))
        // the value is the first field; OpenMetrics may follow it with an exemplar (" # {trace_id=
        // ...} 1.0 ..."), which Quarkus adds when a span was current at the increment
        .mapToDouble(
            line -> Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]))
        .findFirst()
        .orElse(-1);
  }
}
