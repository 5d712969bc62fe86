package io.tollgate.gateway.metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.testing.Metrics;
import io.tollgate.testing.TestTokens;
import java.net.URL;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The gateway's request timer has a few fixed buckets, the same as the services', so that a route's
 * p95 and p99 can be computed from what it exports.
 */
@QuarkusTest
class LatencyBucketsTest {

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
    Map<String, String> route =
        Map.of("method", "GET", "status", "200", "uri", "/api/v1/milestones/{path}");
    Set<Double> bounds = new TreeSet<>();
    Metrics.series("http_server_requests_seconds_bucket", management.getPort()).keySet().stream()
        .filter(labels -> labels.entrySet().containsAll(route.entrySet()))
        .map(labels -> labels.get("le"))
        .map(le -> le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le))
        .forEach(bounds::add);
    return bounds;
  }
}
