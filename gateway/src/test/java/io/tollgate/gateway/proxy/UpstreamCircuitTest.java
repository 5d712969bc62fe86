package io.tollgate.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.oneOf;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.gateway.config.GatewayConfig;
import io.tollgate.gateway.testing.UpstreamServers;
import io.tollgate.testing.TestTokens;
import jakarta.inject.Inject;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The circuit breaker of one upstream ({@code flaky-service}, which can be told to drop every
 * connection): it opens after 5 consecutive failures, answers 503 without calling the upstream for
 * the 3 s cool-down of the tests, then lets one probe through.
 */
@QuarkusTest
class UpstreamCircuitTest {

  private static final String PATH = "/api/v1/test-flaky/items";

  @Inject GatewayConfig config;

  @TestHTTPResource("/")
  URL gateway;

  // the metrics are on the management interface (ADR 0018)
  @TestHTTPResource(value = "/", management = true)
  URL management;

  private final String bearer = TestTokens.bearer("dave", "MEMBER");

  @AfterEach
  void heal() throws Exception {
    UpstreamServers.flakyFails(flaky(), false);
    Thread.sleep(UpstreamServers.OPEN_DURATION_MILLIS + 100); // past any cool-down
    given().header("Authorization", bearer).when().get(PATH).then().statusCode(200);
  }

  @Test
  void opensAfterConsecutiveFailuresAndClosesAfterASuccessfulProbe() throws Exception {
    given().header("Authorization", bearer).when().get(PATH).then().statusCode(200);
    UpstreamServers.flakyFails(flaky(), true);
    for (int i = 0; i < UpstreamServers.BREAKER_THRESHOLD; i++) {
      given().header("Authorization", bearer).when().get(PATH).then().statusCode(502);
    }
    long seen = UpstreamServers.seen(flaky(), PATH);

    given()
        .header("Authorization", bearer)
        .header("X-Request-Id", "circuit-open")
        .when()
        .get(PATH)
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .header("Retry-After", oneOf("1", "2", "3"))
        .header("X-Request-Id", "circuit-open")
        .body("type", equalTo("https://tollgate.io/problems/unavailable"))
        .body("detail", containsString("flaky-service"))
        .body("requestId", equalTo("circuit-open"));
    // answered without trying the upstream (not timed: the count says it)
    assertThat("requests that reached the upstream", UpstreamServers.seen(flaky(), PATH), is(seen));
    assertThat(metrics(), containsString("gateway_circuit_state{service=\"flaky-service\"} 1.0"));

    // other upstreams are not affected
    given().header("Authorization", bearer).when().get("/api/v1/risks").then().statusCode(200);

    UpstreamServers.flakyFails(flaky(), false);
    Thread.sleep(UpstreamServers.OPEN_DURATION_MILLIS + 100);
    given().header("Authorization", bearer).when().get(PATH).then().statusCode(200);
    given().header("Authorization", bearer).when().get(PATH).then().statusCode(200);
    assertThat(metrics(), containsString("gateway_circuit_state{service=\"flaky-service\"} 0.0"));
    assertThat(
        metrics(),
        containsString(
            "gateway_upstream_failures_total{service=\"flaky-service\",status=\"503\"}"));
  }

  @Test
  void aFailedProbeOpensTheCircuitAgain() throws Exception {
    UpstreamServers.flakyFails(flaky(), true);
    for (int i = 0; i < UpstreamServers.BREAKER_THRESHOLD; i++) {
      given().header("Authorization", bearer).when().get(PATH).then().statusCode(502);
    }
    given().header("Authorization", bearer).when().get(PATH).then().statusCode(503);
    Thread.sleep(UpstreamServers.OPEN_DURATION_MILLIS + 100);
    // the probe goes through and fails; the very next request is refused again
    given().header("Authorization", bearer).when().get(PATH).then().statusCode(502);
    given().header("Authorization", bearer).when().get(PATH).then().statusCode(503);
  }

  @Test
  void clientsHangingUpDoNotOpenTheCircuit() throws Exception {
    for (int i = 0; i < UpstreamServers.BREAKER_THRESHOLD + 3; i++) {
      try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
        socket
            .getOutputStream()
            .write(
                ("GET /api/v1/test-flaky/slow?delayMs=500 HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: "
                        + bearer
                        + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        Thread.sleep(100); // the gateway has sent it upstream; now the client goes away
      }
    }
    // at once, within what would be the cool-down had the hang-ups counted as failures
    given().header("Authorization", bearer).when().get(PATH).then().statusCode(200);
    assertThat(metrics(), containsString("gateway_circuit_state{service=\"flaky-service\"} 0.0"));
  }

  private URI flaky() {
    return config.upstream().get("flaky-service");
  }

  private String metrics() {
    return given()
        .port(management.getPort())
        .when()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }
}
