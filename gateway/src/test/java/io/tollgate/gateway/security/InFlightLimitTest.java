package io.tollgate.gateway.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.tollgate.gateway.config.GatewayConfig;
import io.tollgate.gateway.testing.GatewayHeaders;
import io.tollgate.gateway.testing.UpstreamServers;
import io.tollgate.testing.OpenApiHeaders;
import io.tollgate.testing.TestTokens;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A cap on the forwarded requests each caller has in flight ({@code
 * gateway.rate-limit.max-in-flight}, {@value #CAP} here): a caller who holds that many open (here:
 * downloads the upstream holds half-sent, uploads that stall, a service too slow) gets 429 for the
 * next one, which reaches no service, while other callers go on. Every way a request can end gives
 * its place back, exactly once: a leak would lock the caller out for good, a second release would
 * let it hold more than the cap.
 */
@QuarkusTest
@TestProfile(InFlightLimitTest.SmallCap.class)
class InFlightLimitTest {

  static final int CAP = 3;

  /**
   * Three requests in flight per caller; a pool large enough (8 connections per event loop) that a
   * caller holding its three cannot be what keeps another caller waiting. A {@code gateway.timeout}
   * of {@value #TIMEOUT_SECONDS} s: the downloads these tests hold half-sent are cut off once the
   * upstream has sent nothing for that long, and each test holds them for much less. The drain at
   * the end is the shipped one: the requests these tests end mid-answer are all counted out
   * (DrainCountTest).
   */
  public static class SmallCap implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "gateway.rate-limit.max-in-flight",
          Integer.toString(CAP),
          "gateway.pool.max-size",
          "32",
          "gateway.timeout",
          TIMEOUT_SECONDS + "s");
    }
  }

  static final int TIMEOUT_SECONDS = 5;

  /** How long a client of these tests waits for the next bytes: far longer than the gateway. */
  private static final int CLIENT_READ_TIMEOUT_MILLIS = 30_000;

  private static final String FLAKY = "/api/v1/test-flaky";
  private static final String RISKS = "/api/v1/risks";
  private static final String MILESTONES = "/api/v1/milestones";

  @Inject GatewayConfig config;

  @TestHTTPResource("/")
  URL gateway;

  // the metrics are on the management interface (ADR 0018)
  @TestHTTPResource(value = "/", management = true)
  URL management;

  @Test
  void aCallerWithAllItsPlacesTakenIsRefusedWithoutReachingTheServiceWhileOthersGoOn()
      throws Exception {
    assertThat(config.rateLimit().maxInFlight(), is(CAP));
    String user = "holder-" + UUID.randomUUID();
    String bearer = TestTokens.bearer(user, "MEMBER");
    String other = TestTokens.bearer("bystander-" + UUID.randomUUID(), "MEMBER");
    String hold = UUID.randomUUID().toString();
    URI flaky = config.upstream().get("flaky-service");
    long seenBefore = UpstreamServers.seen(flaky, FLAKY);

    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < CAP; i++) {
        held.add(heldDownload(FLAKY, bearer, hold));
      }

      Response refused =
          given()
              .header("Authorization", bearer)
              .header("X-Request-Id", "in-flight-refused")
              .when()
              .get(FLAKY);
      assertThat(refused.statusCode(), is(429));
      assertThat(refused.contentType(), is("application/problem+json"));
      assertThat(refused.header("Retry-After"), is("1"));
      assertThat(refused.header("X-Request-Id"), is("in-flight-refused"));
      assertThat(refused.path("type"), is("https://tollgate.io/problems/too-many-requests"));
      assertThat(refused.path("status"), is(429));
      assertThat(refused.path("detail"), containsString("Too many requests in flight"));
      assertThat(refused.path("detail"), containsString("at most " + CAP + " at once"));
      assertThat(refused.path("instance"), is(FLAKY));
      assertThat(refused.path("requestId"), is("in-flight-refused"));
      // the 429 is documented on the operation, headers and all
      JsonNode openapi = new ObjectMapper().readTree(given().get("/q/openapi").asString());
      assertThat(
          OpenApiHeaders.differences(openapi, "GET", FLAKY, refused, GatewayHeaders.ADDED),
          is(List.of()));

      // the same user with another token is the same caller; more refusals than it takes to open
      // a circuit, which they do not count against
      for (int i = 0; i < UpstreamServers.BREAKER_THRESHOLD; i++) {
        given()
            .header("Authorization", TestTokens.bearer(user, "ADMIN"))
            .when()
            .get(FLAKY)
            .then()
            .statusCode(429)
            .header("Retry-After", "1");
      }
      assertThat("refused requests that reached the service", seen(flaky), is(seenBefore));

      // another caller, at once, on the same service: answered by it, its circuit closed
      given()
          .header("Authorization", other)
          .when()
          .get(FLAKY)
          .then()
          .statusCode(200)
          .body("service", equalTo("flaky-service"));
      assertThat(seen(flaky), is(seenBefore + 1));
      assertThat(metrics(), containsString("gateway_circuit_state{service=\"flaky-service\"} 0.0"));
    } finally {
      release(FLAKY, other, hold);
    }
    // the held downloads are answered in full, and each gives its place back as it ends
    for (Socket socket : held) {
      try (socket) {
        assertEndedInFull(readToEnd(socket));
      }
    }
    given().header("Authorization", bearer).when().get(FLAKY).then().statusCode(200);
  }

  /**
   * A request gives its place back however it ends: answered by the service, by the gateway (408
   * for an upload that stalls, 504 for a service too slow, 502 for one that hangs up or cannot be
   * reached), or cut off by its client (a reset, a plain close). Then the caller can hold exactly
   * its cap again: any place lost on the way would leave it fewer, any given back twice more.
   */
  @Test
  void everyWayARequestEndsGivesItsPlaceBackExactlyOnce() throws Exception {
    String bearer = TestTokens.bearer("ender-" + UUID.randomUUID(), "MEMBER");
    String helper = TestTokens.bearer("helper-" + UUID.randomUUID(), "MEMBER");
    URI risks = config.upstream().get("risk-service");
    // Until the cap is reached at the end, fewer than CAP at a time: a place is given back as the
    // answer is written, which a fast client may just beat with its next request.

    // at once, both ended by the gateway when its timeout (5 s in these tests) runs out: an upload
    // whose body stalls (408, its connection closed) and a service too slow (504)
    try (Socket stalled = stalledUpload(bearer);
        Socket slow = request(bearer, "GET " + RISKS + "/slow?delayMs=20000", "")) {
      assertThat(readToEnd(stalled), startsWith("HTTP/1.1 408 "));
      assertThat(readToEnd(slow), startsWith("HTTP/1.1 504 "));
    }
    given().header("Authorization", bearer).when().get(RISKS).then().statusCode(200);
    for (int i = 0; i < CAP; i++) {
      // a service that drops the connection, and one that cannot be reached
      given().header("Authorization", bearer).when().get(RISKS + "/hangup").then().statusCode(502);
      given()
          .header("Authorization", bearer)
          .when()
          .get("/api/v1/test-dead/items")
          .then()
          .statusCode(502);
    }
    given().header("Authorization", bearer).when().get(RISKS).then().statusCode(200);

    // clients that go away while the service has not answered yet: one resets, one closes
    for (boolean reset : new boolean[] {true, false}) {
      String path = RISKS + "/waiting-" + UUID.randomUUID() + "/slow";
      try (Socket waiting = request(bearer, "GET " + path + "?delayMs=1500", "")) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (UpstreamServers.seen(risks, path) == 0 && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        assertThat("forwarded", UpstreamServers.seen(risks, path), is(1L));
        waiting.setSoLinger(reset, 0);
      }
    }

    // held downloads whose client goes away: one resets its connection, one closes it
    String hold = UUID.randomUUID().toString();
    try {
      Socket reset = heldDownload(RISKS, bearer, hold);
      Socket closed = heldDownload(RISKS, bearer, hold);
      reset.setSoLinger(true, 0);
      reset.close();
      closed.close();
    } finally {
      release(RISKS, helper, hold);
    }

    // exactly the cap again, once the gateway has seen those clients go
    String again = UUID.randomUUID().toString();
    List<Socket> full = holdAll(RISKS, bearer, again);
    try {
      given()
          .header("Authorization", bearer)
          .when()
          .get(RISKS)
          .then()
          .statusCode(429)
          .body("detail", containsString("in flight"));
    } finally {
      release(RISKS, helper, again);
      for (Socket socket : full) {
        try (socket) {
          assertEndedInFull(readToEnd(socket));
        }
      }
    }
    given().header("Authorization", bearer).when().get(RISKS).then().statusCode(200);
  }

  /**
   * A service that sends an answer's head and part of its body, then nothing more: once it has sent
   * nothing for {@code gateway.timeout}, the gateway cuts the answer off. The client's connection
   * ends with the body unfinished, long before the client would have given up itself; the request
   * to the service is reset; each cut counts against the service's circuit as a service that
   * stopped answering (as many as open it here); and each request gives its place back.
   */
  @Test
  void anAnswerWhoseBodyStopsArrivingIsCutOffCountedAndGivesItsPlaceBack() throws Exception {
    String first = TestTokens.bearer("silent-" + UUID.randomUUID(), "MEMBER");
    String second = TestTokens.bearer("silent-" + UUID.randomUUID(), "MEMBER");
    String helper = TestTokens.bearer("helper-" + UUID.randomUUID(), "MEMBER");
    String hold = UUID.randomUUID().toString();
    URI milestones = config.upstream().get("milestone-service");
    List<Socket> silent = new ArrayList<>();
    try {
      // as many as open a circuit, more than one caller may hold
      for (int i = 0; i < UpstreamServers.BREAKER_THRESHOLD; i++) {
        silent.add(heldDownload(MILESTONES, i < CAP ? first : second, hold));
      }
      for (Socket socket : silent) {
        try (socket) {
          socket.setSoTimeout(CLIENT_READ_TIMEOUT_MILLIS);
          String body = readUntilClosed(socket);
          assertThat(
              "what came of the body before the silence",
              body.length(),
              greaterThanOrEqualTo(UpstreamServers.HELD_PREFIX));
          assertThat(
              "a body of " + body.length() + " characters ends as a chunked body does",
              body.endsWith("\r\n0\r\n\r\n"),
              is(false));
        }
      }
      // the gateway reset each request to the service, which saw its connection close
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (UpstreamServers.closedWhileHeld(milestones, hold) < silent.size()
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(UpstreamServers.closedWhileHeld(milestones, hold), is((long) silent.size()));
      // the service stopped answering as often as it takes to open its circuit
      given()
          .header("Authorization", helper)
          .when()
          .get(MILESTONES)
          .then()
          .statusCode(503)
          .body("detail", containsString("milestone-service failed repeatedly"));
      assertThat(
          metrics(),
          containsString(
              "gateway_upstream_responses_cut_total{service=\"milestone-service\"} "
                  + UpstreamServers.BREAKER_THRESHOLD
                  + ".0"));
    } finally {
      // any upstream lets go of any hold; not milestone-service's own route, whose circuit is open
      release(RISKS, helper, hold);
    }

    // the caller holds its whole cap again (on another service), and no more
    String again = UUID.randomUUID().toString();
    List<Socket> full = holdAll(RISKS, first, again);
    try {
      given()
          .header("Authorization", first)
          .when()
          .get(RISKS)
          .then()
          .statusCode(429)
          .body("detail", containsString("in flight"));
    } finally {
      release(RISKS, helper, again);
      for (Socket socket : full) {
        try (socket) {
          assertEndedInFull(readToEnd(socket));
        }
      }
    }
  }

  /**
   * The gateway tunnels no protocol for a service (ADR 0003's amendment): a WebSocket handshake, to
   * an upstream endpoint that would accept it, is forwarded as the plain {@code GET} it is, without
   * its hop-by-hop {@code Connection: Upgrade} and {@code Upgrade}, through the failure mapping and
   * the forwarding headers, and the service's plain answer comes back: never a 101. Its exchange
   * ends as any other and gives its place back, so more such requests than the cap leave the caller
   * forwarded as before. (A tunnelled upgrade ran none of that, and kept its place for good.)
   */
  @Test
  void aWebSocketUpgradeIsForwardedAsAPlainRequestAndGivesItsPlaceBack() throws Exception {
    String bearer = TestTokens.bearer("upgrader-" + UUID.randomUUID(), "MEMBER");
    URI risks = config.upstream().get("risk-service");
    String path = RISKS + "/ws-" + UUID.randomUUID() + "/websocket";
    int attempts = CAP + 2;
    List<String> heads = new ArrayList<>();
    List<String> bodies = new ArrayList<>();
    // one after the other, each answer read in full: never the cap in flight at once
    for (int i = 0; i < attempts; i++) {
      try (Socket socket = webSocketHandshake(bearer, path)) {
        String head = readHead(socket);
        heads.add(head);
        bodies.add(readBody(socket, head));
      }
    }

    // no place was kept: the same caller is forwarded as before
    assertThat(
        "the caller's next request, after upgrade requests answered "
            + heads.stream().map(head -> head.lines().findFirst().orElse(head)).toList(),
        given().header("Authorization", bearer).when().get(RISKS).statusCode(),
        is(200));
    assertThat("upgrades the service accepted", UpstreamServers.upgraded(risks, path), is(0L));
    assertThat("requests the service saw", UpstreamServers.seen(risks, path), is((long) attempts));
    for (int i = 0; i < attempts; i++) {
      String head = heads.get(i);
      assertThat(head, startsWith("HTTP/1.1 200 "));
      assertThat(head.toLowerCase(Locale.ROOT), not(containsString("\r\nupgrade:")));
      JsonPath echo = JsonPath.from(bodies.get(i));
      assertThat(echo.getString("path"), is(path));
      assertThat(echo.getString("method"), is("GET"));
      Map<String, List<String>> forwarded = echo.getMap("headers");
      // hop-by-hop: for the client's connection to the gateway only
      assertThat(forwarded, not(hasKey("upgrade")));
      assertThat(forwarded, not(hasKey("connection")));
      // the forwarding interceptor ran, as for any forwarded request
      assertThat(forwarded, hasKey("forwarded"));
      assertThat(forwarded, hasKey("x-forwarded-for"));
    }
  }

  /**
   * An {@code Upgrade: h2c} is for the client's connection to the gateway, and Quarkus's HTTP
   * server takes it up itself (HTTP/2 over cleartext) before any route: the request is then an
   * HTTP/2 request of the gateway's, forwarded as HTTP/1.1 without the upgrade's headers, and gives
   * its place back as any other. One the server cannot take up (no {@code HTTP2-Settings}) is
   * refused by it with a bare 400, and reaches neither the gateway's routes nor a service.
   */
  @Test
  void anH2cUpgradeIsTheGatewaysOwnAndNoServiceSeesIt() throws Exception {
    String bearer = TestTokens.bearer("h2c-" + UUID.randomUUID(), "MEMBER");
    URI risks = config.upstream().get("risk-service");
    String path = RISKS + "/h2c-" + UUID.randomUUID();
    for (int i = 0; i < CAP + 2; i++) {
      // a new client each time: its first request on plain http asks for h2c
      HttpResponse<String> response =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_2)
              .build()
              .send(
                  HttpRequest.newBuilder(gateway.toURI().resolve(path))
                      .header("Authorization", bearer)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode(), is(200));
      assertThat(
          "switched by the gateway itself", response.version(), is(HttpClient.Version.HTTP_2));
      Map<String, List<String>> forwarded = JsonPath.from(response.body()).getMap("headers");
      assertThat(forwarded, not(hasKey("upgrade")));
      assertThat(forwarded, not(hasKey("http2-settings")));
      assertThat(forwarded, not(hasKey("connection")));
    }
    assertThat(UpstreamServers.seen(risks, path), is((long) CAP + 2));

    String incomplete = RISKS + "/h2c-" + UUID.randomUUID();
    try (Socket socket =
        request(bearer, "GET " + incomplete, "Upgrade: h2c\r\nConnection: Upgrade\r\n\r\n")) {
      // its head says "connection: close", but Vert.x leaves the connection open: the head only
      assertThat(readHead(socket), startsWith("HTTP/1.1 400 "));
    }
    assertThat(UpstreamServers.seen(risks, incomplete), is(0L));
    given().header("Authorization", bearer).when().get(RISKS).then().statusCode(200);
  }

  /**
   * Sends a WebSocket opening handshake (RFC 6455 section 4.1) for {@code path}, with the caller's
   * credential; the connection stays open.
   */
  private Socket webSocketHandshake(String bearer, String path) throws IOException {
    Socket socket = new Socket(gateway.getHost(), gateway.getPort());
    socket.setSoTimeout(15_000);
    String head =
        "GET "
            + path
            + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
            + bearer
            + "\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    return socket;
  }

  /** The body of an answer whose head was read, as long as its Content-Length; none without one. */
  private static String readBody(Socket socket, String head) throws IOException {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
        int length = Integer.parseInt(line.substring(colon + 1).trim());
        return new String(socket.getInputStream().readNBytes(length), StandardCharsets.ISO_8859_1);
      }
    }
    return "";
  }

  /**
   * Everything the gateway sends until the connection ends, closed or reset by the gateway; the
   * client's own read timeout running out first fails the test.
   */
  private static String readUntilClosed(Socket socket) throws IOException {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    byte[] buffer = new byte[16 * 1024];
    InputStream in = socket.getInputStream();
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        answer.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError(
          "the gateway had not ended the answer when the client's own read timeout ("
              + socket.getSoTimeout()
              + " ms) ran out, after "
              + answer.size()
              + " bytes",
          e);
    } catch (SocketException e) {
      // reset by the gateway: the answer ended as well
    }
    return answer.toString(StandardCharsets.ISO_8859_1);
  }

  /**
   * Holds {@link #CAP} downloads of the caller at once, all forwarded. The gateway learns of a
   * client gone (a reset or a close) from its connection, a moment after the client went: until
   * then the place is still taken, and the attempt is made again, for a few seconds at most.
   */
  private List<Socket> holdAll(String prefix, String bearer, String hold) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      List<Socket> held = new ArrayList<>();
      String refusal = null;
      for (int i = 0; i < CAP && refusal == null; i++) {
        Socket socket = request(bearer, download(prefix, hold), "");
        String head = readHead(socket);
        if (head.startsWith("HTTP/1.1 200 ")) {
          held.add(socket);
        } else {
          refusal = head.lines().findFirst().orElse(head);
          socket.close();
        }
      }
      if (refusal == null) {
        return held;
      }
      for (Socket socket : held) {
        socket.setSoLinger(true, 0);
        socket.close();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "the caller could not hold " + CAP + " requests at once: " + refusal);
      }
      Thread.sleep(50);
    }
  }

  /** A download the upstream sends 64 KiB of, then holds until released; its head has come. */
  private Socket heldDownload(String prefix, String bearer, String hold) throws IOException {
    Socket socket = request(bearer, download(prefix, hold), "");
    String head = readHead(socket);
    assertThat(head, startsWith("HTTP/1.1 200 "));
    return socket;
  }

  private static String download(String prefix, String hold) {
    return "GET " + prefix + "/stream?bytes=" + 2 * UpstreamServers.HELD_PREFIX + "&hold=" + hold;
  }

  /**
   * A POST whose Content-Length says 100 bytes, of which it sends 10; the connection stays open.
   */
  private Socket stalledUpload(String bearer) throws IOException {
    return request(
        bearer,
        "POST " + RISKS + "/items",
        "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"name\":\"");
  }

  /**
   * Sends a request head ({@code Connection: close}, so that its answer ends with the connection)
   * and what follows it: more headers and a body, or nothing.
   */
  private Socket request(String bearer, String requestLine, String rest) throws IOException {
    Socket socket = new Socket(gateway.getHost(), gateway.getPort());
    socket.setSoTimeout(15_000);
    String head =
        requestLine
            + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: "
            + bearer
            + "\r\n"
            + (rest.isEmpty() ? "\r\n" : rest);
    socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    return socket;
  }

  /** The rest of a held download, its head read before: the whole chunked body, to its end. */
  private static void assertEndedInFull(String body) {
    assertThat(
        "a body of " + body.length() + " characters ends as a chunked body does",
        body.endsWith("\r\n0\r\n\r\n"),
        is(true));
  }

  /** Lets the upstream finish the downloads held under {@code hold}. */
  private static void release(String prefix, String bearer, String hold) {
    given()
        .header("Authorization", bearer)
        .when()
        .post(prefix + "/_release?token=" + hold)
        .then()
        .statusCode(204);
  }

  /** The status line and headers of the answer, read byte by byte up to the empty line. */
  private static String readHead(Socket socket) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** Everything the gateway sends until it closes the connection. */
  private static String readToEnd(Socket socket) throws IOException {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    byte[] buffer = new byte[16 * 1024];
    InputStream in = socket.getInputStream();
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        answer.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError(
          "no end of the answer within the socket's timeout: "
              + answer.toString(StandardCharsets.ISO_8859_1).lines().findFirst().orElse(""),
          e);
    }
    return answer.toString(StandardCharsets.ISO_8859_1);
  }

  private static long seen(URI flaky) {
    return UpstreamServers.seen(flaky, FLAKY);
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
