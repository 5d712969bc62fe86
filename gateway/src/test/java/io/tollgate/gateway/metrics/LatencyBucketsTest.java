package io.tollgate.gateway.metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.testing.TestTokens;
import java.net.URL;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The gateway's request timer has a few fixed buckets, the same as the services', so that a route's
 * p95 and p99 can be computed from what it exports.
 */
@QuarkusTest
class LatencyBucketsTest {

  private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

  @TestHTTPResource(value = "/", management = true)
  URL management;

  @Test
  void aProxiedRequestIsCountedInFixedLatencyBuckets() throws InterruptedException {
    given()
        .header("Authorization", TestTokens.bearer("mona", "MEMBER"))
        .when()
        .get("/api/v1/milestones/latency")
        .then()
        .statusCode(200);
    Set<Double> expected = new TreeSet<>();
    for (double bound :
        new double[] {
          0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, Double.POSITIVE_INFINITY
        }) {
      expected.add(bound);
    }
    // the server records an answer once it has ended, which the client may see first
    for (int attempt = 0; attempt < 50; attempt++) {
      Set<Double> bounds = bucketBounds();
      if (!bounds.isEmpty()) {
        assertThat(bounds, equalTo(expected));
        return;
      }
      Thread.sleep(100);
    }
    fail("no latency bucket for the proxied request");
  }

  /**
   * The upper bounds (seconds) of the buckets of {@code GET /api/v1/milestones/{path}} answered
   * 200.
   */
  private Set<Double> bucketBounds() {
    Set<Double> bounds = new TreeSet<>();
    given()
        .port(management.getPort())
        .accept("text/plain")
        .when()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .extract()
        .asString()
        .lines()
        .filter(line -> line.startsWith("http_server_requests_seconds_bucket{"))
        .filter(line -> line.contains("method=\"GET\""))
        .filter(line -> line.contains("status=\"200\""))
        .filter(line -> line.contains("uri=\"/api/v1/milestones/{path}\""))
        .map(LE::matcher)
        .filter(Matcher::find)
        .map(
            le ->
                le.group(1).equals("+Inf")
                    ? Double.POSITIVE_INFINITY
                    : Double.parseDouble(le.group(1)))
        .forEach(bounds::add);
    return bounds;
  }
}
