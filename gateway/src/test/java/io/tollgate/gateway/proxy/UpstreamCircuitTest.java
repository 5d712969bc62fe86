package io.tollgate.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.gateway.config.GatewayConfig;
import io.tollgate.gateway.testing.UpstreamServers;
import io.tollgate.testing.TestTokens;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

  @Inject Vertx vertx;

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

  /**
   * Clients that reset their connection (RST) in the middle of an upload, while the service waits
   * for the rest of the body: each is the client's doing, so neither the circuit nor the upstream
   * failure count sees it, however soon the gateway learns that the connection is gone.
   */
  @Test
  void clientsResettingAnUploadDoNotOpenTheCircuit() throws Exception {
    String path = "/api/v1/test-flaky/reset-upload/slow";
    double failures = upstreamFailures();
    for (int i = 0; i < UpstreamServers.BREAKER_THRESHOLD + 1; i++) {
      Socket socket = new Socket(gateway.getHost(), gateway.getPort());
      socket
          .getOutputStream()
          .write(
              ("POST "
                      + path
                      + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                      + bearer
                      + "\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n"
                      + "{\"name\":")
                  .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      awaitSeen(path, i + 1);
      socket.setSoLinger(true, 0);
      socket.close();
    }
    assertCircuitClosedAndNothingCounted(failures);
  }

  /**
   * HTTP/2 clients that cancel a complete request (RST_STREAM) while the service has not answered:
   * the client's doing as well, on a connection that stays open.
   */
  @Test
  void clientsCancellingAnHttp2StreamDoNotOpenTheCircuit() throws Exception {
    String path = "/api/v1/test-flaky/reset-stream/slow";
    double failures = upstreamFailures();
    HttpClient client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false));
    try {
      for (int i = 0; i < UpstreamServers.BREAKER_THRESHOLD + 1; i++) {
        HttpClientRequest request =
            client
                .request(
                    HttpMethod.POST, gateway.getPort(), gateway.getHost(), path + "?delayMs=3000")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        request.putHeader("Authorization", bearer).putHeader("Content-Type", "application/json");
        request.end("{\"name\":\"cancelled\"}");
        awaitSeen(path, i + 1);
        assertThat("sent over HTTP/2", request.version(), is(HttpVersion.HTTP_2));
        request.reset();
      }
    } finally {
      client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    assertCircuitClosedAndNothingCounted(failures);
  }

  /**
   * Another client, at once (within what would be the cool-down had those counted): the circuit is
   * closed, and no 502 of the service was counted. The gateway learns of a client gone a moment
   * after it went, so the count is read again for a while before it is believed.
   */
  private void assertCircuitClosedAndNothingCounted(double failuresBefore) throws Exception {
    given().header("Authorization", bearer).when().get(PATH).then().statusCode(200);
    assertThat(metrics(), containsString("gateway_circuit_state{service=\"flaky-service\"} 0.0"));
    Thread.sleep(500);
    assertThat("502s counted for flaky-service", upstreamFailures(), is(failuresBefore));
    given().header("Authorization", bearer).when().get(PATH).then().statusCode(200);
  }

  /** Waits until the upstream has received {@code count} requests for {@code path}. */
  private void awaitSeen(String path, long count) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (UpstreamServers.seen(flaky(), path) < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(
        "forwarded, not refused by an open circuit",
        UpstreamServers.seen(flaky(), path),
        is(count));
  }

  /** {@code gateway_upstream_failures_total} of flaky-service's 502s, as the scraper reads it. */
  private double upstreamFailures() {
    String series = "gateway_upstream_failures_total{service=\"flaky-service\",status=\"502\"} ";
    return metrics()
        .lines()
        .filter(line -> line.startsWith(series))
        // the value, before the exemplar OpenMetrics may add while tracing ("# {trace_id=...}")
        .mapToDouble(
            line -> Double.parseDouble(line.substring(series.length()).trim().split(" ")[0]))
        .findFirst()
        .orElseThrow();
  }

  /**
   * The attack: requests whose bodies stall (a Content-Length of 100, 10 bytes sent, the connection
   * kept open) until the upstream timeout ends them. They are the client's failures: answered 408,
   * and the circuit stays closed for everyone else.
   */
  @Test
  void stalledRequestBodiesDoNotOpenTheCircuit() throws Exception {
    // in waves of two: each holds an upstream connection while it lasts, and the tests' pool has
    // only two per event loop; enough of them in all to open the circuit, were they counted
    for (int wave = 0; wave < 3; wave++) {
      List<Socket> stalled = new ArrayList<>();
      try {
        for (int i = 0; i < 2; i++) {
          stalled.add(stalledPost("stalled-" + wave + "-" + i));
        }
        // each waits out the upstream timeout (2 s in the tests), the client still connected
        for (Socket socket : stalled) {
          String answer = readAnswer(socket);
          assertThat(answer, startsWith("HTTP/1.1 408 "));
          assertThat(answer, containsString("application/problem+json"));
          assertThat(answer, containsString("https://tollgate.io/problems/request-timeout"));
          assertThat(answer, containsString("flaky-service"));
        }
      } finally {
        for (Socket socket : stalled) {
          socket.close();
        }
      }
    }
    // another client, at once: the service did nothing wrong, and its circuit is closed
    given().header("Authorization", bearer).when().get(PATH).then().statusCode(200);
    assertThat(metrics(), containsString("gateway_circuit_state{service=\"flaky-service\"} 0.0"));
  }

  /**
   * Only a timeout while the body is arriving is the client's. A service that closes the connection
   * while the body is still coming (it crashed, or was restarted) is failing: each such request is
   * answered 502 as the service's failure and counts, so that the circuit opens.
   */
  @Test
  void aServiceThatClosesTheConnectionDuringAnUploadIsStillFailing() throws Exception {
    UpstreamServers.flakyFails(flaky(), true);
    for (int i = 0; i < UpstreamServers.BREAKER_THRESHOLD; i++) {
      try (Socket socket = stalledPost("closed-" + i)) {
        String answer = readAnswer(socket);
        assertThat(answer, startsWith("HTTP/1.1 502 "));
        assertThat(answer, containsString("https://tollgate.io/problems/bad-gateway"));
        assertThat(answer, containsString("flaky-service"));
        // the rest of the body is not read as another request
        assertThat(answer.toLowerCase(java.util.Locale.ROOT), containsString("connection: close"));
      }
    }
    given()
        .header("Authorization", bearer)
        .when()
        .get(PATH)
        .then()
        .statusCode(503)
        .body("type", equalTo("https://tollgate.io/problems/unavailable"));
    assertThat(metrics(), containsString("gateway_circuit_state{service=\"flaky-service\"} 1.0"));
  }

  /**
   * A POST whose Content-Length says 100 bytes, of which it sends 10; the connection stays open.
   */
  private Socket stalledPost(String requestId) throws Exception {
    Socket socket = new Socket(gateway.getHost(), gateway.getPort());
    socket.setSoTimeout(15_000);
    socket
        .getOutputStream()
        .write(
            ("POST "
                    + PATH
                    + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                    + bearer
                    + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n"
                    + "X-Request-Id: "
                    + requestId
                    + "\r\n\r\n{\"name\":\"")
                .getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    return socket;
  }

  /** The status line, headers and body the gateway sent, up to when it closes the connection. */
  private static String readAnswer(Socket socket) throws Exception {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    InputStream in = socket.getInputStream();
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        answer.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      // not closed: the answer so far is all there is
    }
    return answer.toString(StandardCharsets.UTF_8);
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
