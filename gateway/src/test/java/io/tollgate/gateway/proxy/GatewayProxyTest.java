package io.tollgate.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.tollgate.gateway.config.GatewayConfig;
import io.tollgate.gateway.testing.FailingRoute;
import io.tollgate.gateway.testing.GatewayHeaders;
import io.tollgate.gateway.testing.GatewayTestKeys;
import io.tollgate.gateway.testing.UpstreamServers;
import io.tollgate.testing.LoggedErrors;
import io.tollgate.testing.OpenApiHeaders;
import io.tollgate.testing.RawHttp;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gateway in front of real upstream HTTP servers ({@link UpstreamServers}), called with a valid
 * bearer token.
 *
 * <p>The test resources are declared here once, GLOBAL, for every {@code @QuarkusTest} of the
 * module, so they all share one Quarkus start: the upstreams, PostgreSQL with the {@code gateway}
 * database (and the test token issuer's public key), and the private key to mint API-key tokens.
 */
@QuarkusTest
@WithTestResource(value = UpstreamServers.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = TollgateInfrastructure.DATABASE, value = "gateway"),
    scope = TestResourceScope.GLOBAL)
@WithTestResource(value = GatewayTestKeys.class, scope = TestResourceScope.GLOBAL)
class GatewayProxyTest {

  private static final String PROBLEM_JSON = "application/problem+json";

  @Inject GatewayConfig config;
  @Inject io.vertx.core.Vertx vertx;

  @TestHTTPResource("/")
  URL gateway;

  // health and metrics are on the management interface (ADR 0018)
  @TestHTTPResource(value = "/", management = true)
  URL management;

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private String bearer;

  @BeforeEach
  void authenticate() {
    bearer = TestTokens.bearer("tester", "MEMBER");
    TestTokens.authenticateRestAssured("tester", "MEMBER");
  }

  @AfterEach
  void forgetToken() {
    RestAssured.requestSpecification = null;
  }

  @ParameterizedTest
  @CsvSource({
    "/api/v1/projects, project-service",
    "/api/v1/projects/42/stakeholders, project-service",
    "/api/v1/portfolio/health, project-service",
    "/api/v1/milestones/7, milestone-service",
    "/api/v1/risks, risk-service",
    "/api/v1/notifications/inbox, notification-service",
    "/api/v1/subscriptions/3, notification-service",
    "/api/v1/webhooks/9/deliveries, notification-service"
  })
  void routesEachPrefixToItsService(String path, String service) {
    given()
        .when()
        .get(path)
        .then()
        .statusCode(200)
        .body("service", equalTo(service))
        .body("path", equalTo(path));
  }

  @Test
  void getPassesStatusHeadersQueryAndBodyThrough() {
    Response response =
        given()
            .urlEncodingEnabled(false)
            .header("X-Custom", "hello")
            .header("If-None-Match", "\"stale\"")
            .header("Accept", "application/json")
            .when()
            .get("/api/v1/projects/42?a=1&b=x%20y&b=z")
            .then()
            .statusCode(200)
            .header("ETag", UpstreamServers.ETAG)
            .contentType(ContentType.JSON)
            .extract()
            .response();

    assertThat(response.headers().getValues("X-Multi"), contains("a", "b"));
    JsonPath echo = response.jsonPath();
    assertThat(echo.getString("method"), is("GET"));
    assertThat(echo.getString("uri"), is("/api/v1/projects/42?a=1&b=x%20y&b=z"));
    assertThat(echo.getString("query"), is("a=1&b=x%20y&b=z"));
    assertThat(echo.getList("headers.'x-custom'", String.class), contains("hello"));
    assertThat(echo.getList("headers.'if-none-match'", String.class), contains("\"stale\""));
    assertThat(echo.getList("headers.'accept'", String.class), contains("application/json"));
    // The upstream is addressed as itself, not with the gateway's Host.
    assertThat(
        echo.getList("headers.'host'", String.class),
        contains(config.upstream().get("project-service").getAuthority()));
  }

  @Test
  void postPassesBodyIdempotencyKeyStatusAndRelativeLocationThrough() {
    String body = "{\"name\":\"Go-live\",\"kind\":\"GO_LIVE\",\"bufferDays\":5}";
    Response response =
        given()
            .contentType(ContentType.JSON)
            .header("Idempotency-Key", "key-123")
            .header("X-Echo-Status", "201")
            .header("X-Echo-Location", "/api/v1/milestones/7")
            .body(body)
            .when()
            .post("/api/v1/milestones")
            .then()
            .statusCode(201)
            .header("Location", "/api/v1/milestones/7")
            .header("ETag", UpstreamServers.ETAG)
            .extract()
            .response();

    JsonPath echo = response.jsonPath();
    assertThat(echo.getString("service"), is("milestone-service"));
    assertThat(echo.getString("method"), is("POST"));
    assertThat(echo.getString("body"), is(body));
    assertThat(echo.getList("headers.'idempotency-key'", String.class), contains("key-123"));
    assertThat(
        echo.getList("headers.'content-type'", String.class).get(0).toString(),
        startsWith("application/json"));
  }

  /** Swagger UI on the merged document, with its scripts, open without a token like the JSON. */
  @Test
  void swaggerUiShowsTheMergedDocument() {
    RestAssured.requestSpecification = null;
    given()
        .redirects()
        .follow(false)
        .get("/q/swagger-ui")
        .then()
        .statusCode(302)
        .header("Location", endsWith("/q/swagger-ui/"));
    given()
        .get("/q/swagger-ui/")
        .then()
        .statusCode(200)
        .contentType(startsWith("text/html"))
        .body(containsString("url: '/q/openapi'"))
        .body(containsString("swagger-ui-bundle.js"));
    given()
        .get("/q/swagger-ui/swagger-ui-bundle.js")
        .then()
        .statusCode(200)
        .contentType(containsString("javascript"))
        .body(containsString("SwaggerUIBundle"));
    given()
        .get("/q/swagger-ui/swagger-ui.css")
        .then()
        .statusCode(200)
        .contentType(startsWith("text/css"));
    given().get("/q/swagger-ui/no-such-file.js").then().statusCode(404);
    // the build's copy of Swagger UI brings no pages of its own (SmallRye's point at /openapi)
    given().get("/q/swagger-ui/index.html").then().statusCode(404);
    given().get("/openapi-ui/index.html").then().statusCode(404);
  }

  /**
   * A client that sends {@code Expect: 100-continue} (curl for larger bodies, Java's HttpClient
   * when asked) holds its body back until it hears {@code 100 Continue}: the gateway must give it,
   * or the client waits until it gives up. It is given once the request is accepted, so a refused
   * client never sends its body; the connection then closes, since it cannot carry another request.
   * Written over a socket: Java's HttpClient waits forever when the interim answer never comes.
   */
  @Test
  void expectContinueIsAnsweredOnceTheRequestIsAccepted() throws Exception {
    String body = "{\"name\":\"" + "x".repeat(4096) + "\"}";
    String head =
        "POST /api/v1/milestones HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Expect: 100-continue\r\nContent-Length: "
            + body.length()
            + "\r\n";
    try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
      socket.setSoTimeout(5_000);
      socket
          .getOutputStream()
          .write(
              (head + "Authorization: " + bearer + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      assertThat(readHead(socket.getInputStream()), startsWith("HTTP/1.1 100 Continue"));
      socket.getOutputStream().write(body.getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer, startsWith("HTTP/1.1 200 "));
      JsonPath echo = new JsonPath(answer.substring(answer.indexOf("\r\n\r\n") + 4));
      assertThat(echo.getString("service"), is("milestone-service"));
      assertThat(echo.getString("body"), is(body));
      // the gateway answered the expectation; the upstream is not asked again
      assertThat(echo.getMap("headers"), not(hasKey("expect")));
    }
    try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
      socket.setSoTimeout(5_000);
      socket
          .getOutputStream()
          .write(
              (head + "Authorization: Bearer not-a-token\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      // read to the end: the gateway closes the connection after its answer
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer, startsWith("HTTP/1.1 401 "));
      assertThat(answer.toLowerCase(Locale.ROOT), containsString("\r\nconnection: close\r\n"));
      assertThat(answer, containsString(PROBLEM_JSON));
    }
  }

  /** The status line and headers of one answer (an interim one, say), read byte by byte. */
  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (head.indexOf("\r\n\r\n") < 0) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    return head.toString();
  }

  @Test
  void absoluteLocationOfTheUpstreamPointsAtTheGateway() {
    URI upstream = config.upstream().get("milestone-service");
    given()
        .header("X-Echo-Status", "201")
        .header("X-Echo-Location", upstream + "/api/v1/milestones/7?view=full")
        .when()
        .post("/api/v1/milestones")
        .then()
        .statusCode(201)
        .header(
            "Location",
            "http://"
                + gateway.getHost()
                + ":"
                + gateway.getPort()
                + "/api/v1/milestones/7?view=full");

    // Behind a load balancer the public origin comes from its forwarded headers.
    given()
        .header("X-Forwarded-Proto", "https")
        .header("X-Forwarded-Host", "api.tollgate.example")
        .header("X-Echo-Status", "201")
        .header("X-Echo-Location", upstream + "/api/v1/milestones/8")
        .when()
        .post("/api/v1/milestones")
        .then()
        .statusCode(201)
        .header("Location", "https://api.tollgate.example/api/v1/milestones/8");

    // A list's page links name the upstream too; a client must be able to follow them.
    String gatewayOrigin = "http://" + gateway.getHost() + ":" + gateway.getPort();
    Response paged =
        given()
            .header(
                "X-Echo-Link", "<" + upstream + "/api/v1/milestones?page=1&size=2>; rel=\"next\"")
            .header(
                "X-Echo-Link",
                "<"
                    + upstream
                    + "/api/v1/milestones?page=0&size=2>; rel=\"prev\", "
                    + "<https://docs.example.org/paging>; rel=\"help\"")
            .when()
            .get("/api/v1/milestones")
            .then()
            .statusCode(200)
            .extract()
            .response();
    assertThat(
        paged.getHeaders().getValues("Link"),
        contains(
            "<" + gatewayOrigin + "/api/v1/milestones?page=1&size=2>; rel=\"next\"",
            "<"
                + gatewayOrigin
                + "/api/v1/milestones?page=0&size=2>; rel=\"prev\", "
                + "<https://docs.example.org/paging>; rel=\"help\""));

    // A URL of some other host is not the gateway's business.
    given()
        .header("X-Echo-Status", "303")
        .header("X-Echo-Location", "https://docs.example.org/milestones")
        .redirects()
        .follow(false)
        .when()
        .post("/api/v1/milestones")
        .then()
        .statusCode(303)
        .header("Location", "https://docs.example.org/milestones");
  }

  /**
   * The fields a client's Connection header names are for its hop only (RFC 9110 section 7.6.1):
   * not forwarded. The fields the gateway itself sends the next hop are added after they are
   * dropped, so a client cannot strip the request id, nor start the forwarding chain afresh.
   */
  @Test
  void theClientsConnectionOptionsAreDroppedButNotTheGatewaysOwnFields() {
    JsonPath echo =
        given()
            .header("Connection", "keep-alive, X-Request-Id, X-Hop-Only, X-Forwarded-For")
            .header("X-Request-Id", "connection-options-1")
            .header("X-Hop-Only", "for the gateway")
            .header("X-Forwarded-For", "203.0.113.9")
            .header("X-End-To-End", "kept")
            .when()
            .get("/api/v1/risks/connection-options")
            .then()
            .statusCode(200)
            .header("X-Request-Id", "connection-options-1")
            .extract()
            .jsonPath();
    assertThat(
        echo.getList("headers.'x-request-id'", String.class), contains("connection-options-1"));
    assertThat(echo.getList("headers.'x-hop-only'"), is((Object) null));
    assertThat(echo.getList("headers.'x-end-to-end'", String.class), contains("kept"));
    assertThat(
        echo.getList("headers.'x-forwarded-for'", String.class),
        contains(not(containsString("203.0.113.9"))));
  }

  @Test
  void patchWithIfMatchPassesTheUpstreamProblemThroughUnchanged() {
    String expected = UpstreamServers.preconditionProblem("\"v3\"", "/api/v1/risks/9");
    byte[] body =
        given()
            .contentType("application/merge-patch+json")
            .header("If-Match", "\"v3\"")
            .header("X-Echo-Problem", "true")
            .body("{\"probability\":4}")
            .when()
            .patch("/api/v1/risks/9")
            .then()
            .statusCode(412)
            .contentType(PROBLEM_JSON)
            .header("ETag", UpstreamServers.ETAG)
            .extract()
            .asByteArray();
    assertThat(new String(body, StandardCharsets.UTF_8), is(expected));
  }

  @Test
  void patchPassesMethodAndBodyThrough() {
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"v3\"")
        .body("{\"probability\":4}")
        .when()
        .patch("/api/v1/risks/9")
        .then()
        .statusCode(200)
        .body("method", equalTo("PATCH"))
        .body("body", equalTo("{\"probability\":4}"))
        .body("headers.'if-match'[0]", equalTo("\"v3\""));
  }

  @Test
  void deletePassesNoContentThrough() {
    byte[] body =
        given()
            .header("X-Echo-Status", "204")
            .when()
            .delete("/api/v1/subscriptions/5")
            .then()
            .statusCode(204)
            .extract()
            .asByteArray();
    assertThat(body.length, is(0));
  }

  @Test
  void megabyteRequestBodyReachesTheUpstreamIntact() {
    byte[] payload = new byte[1024 * 1024];
    new Random(42).nextBytes(payload);
    given()
        .contentType(ContentType.BINARY)
        .body(payload)
        .when()
        .post("/api/v1/projects/upload?token=" + UUID.randomUUID())
        .then()
        .statusCode(200)
        .body("bytes", equalTo(payload.length))
        .body("sha256", equalTo(UpstreamServers.sha256(payload)));
  }

  /**
   * An HTTP/2 request need not give its body's length (its frames end the body): such a body, a
   * streamed upload, reaches the service whole, sent to it chunked, and nothing is logged as an
   * error. It was dropped, and the service read a request without a body.
   */
  @Test
  void anHttp2BodyOfUnknownLengthReachesTheServiceWhole() throws Exception {
    String body = "{\"name\":\"streamed\",\"kind\":\"GO_LIVE\"}";
    io.vertx.core.http.HttpClient client =
        vertx.createHttpClient(
            new io.vertx.core.http.HttpClientOptions()
                .setProtocolVersion(io.vertx.core.http.HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false));
    try {
      LoggedErrors.Outcome<JsonPath> outcome =
          LoggedErrors.whileGetting(
              () -> {
                io.vertx.core.http.HttpClientRequest request =
                    client
                        .request(
                            io.vertx.core.http.HttpMethod.POST,
                            gateway.getPort(),
                            gateway.getHost(),
                            "/api/v1/milestones/streamed")
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
                request
                    .putHeader("Authorization", bearer)
                    .putHeader("Content-Type", "application/json")
                    .setChunked(true);
                // the body read as it arrives: data with nobody to read it is dropped
                var answer =
                    request
                        .response()
                        .compose(
                            r -> r.body().map(b -> List.<Object>of(r.statusCode(), b.toString())));
                // written in two parts, as a stream is: no Content-Length
                request.write(body.substring(0, 10));
                request.end(body.substring(10));
                List<Object> answered =
                    answer.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertThat(answered.get(0), is(200));
                assertThat(request.version(), is(io.vertx.core.http.HttpVersion.HTTP_2));
                return new JsonPath((String) answered.get(1));
              });
      assertThat(outcome.result().getString("body"), is(body));
      assertThat(outcome.result().getList("headers.'content-length'"), is((Object) null));
      assertThat(outcome.errors(), empty());
    } finally {
      client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /**
   * A client sends a body over the service's limit, which the service refuses before it has read
   * all of it, and hangs up once it has the answer, its body unfinished: the rest of the request
   * can no longer be sent to the service. The client's own doing, and no error of the gateway's to
   * log (Vert.x logged each at ERROR, without the request id).
   */
  @Test
  void aClientThatHangsUpMidUploadOnceAnsweredLogsNoError() throws Exception {
    LoggedErrors.Outcome<String> outcome =
        LoggedErrors.whileGetting(
            () -> {
              String status = abandonedUpload("/api/v1/risks/limited", 256 * 1024);
              Thread.sleep(500); // what the gateway makes of the hang-up comes after
              return status;
            });
    assertThat(outcome.result(), startsWith("HTTP/1.1 413"));
    assertThat(outcome.errors(), empty());
  }

  /**
   * Sends {@code bytes} of a chunked body without its last chunk, reads the status line of the
   * answer, and closes the connection.
   */
  private String abandonedUpload(String path, int bytes) throws Exception {
    try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
      socket.setSoTimeout(10_000);
      var out = socket.getOutputStream();
      out.write(
          ("POST "
                  + path
                  + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                  + bearer
                  + "\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked"
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[16 * 1024];
      for (int sent = 0; sent < bytes; sent += chunk.length) {
        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(chunk);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.flush();
      byte[] line = new byte[64];
      int n = socket.getInputStream().read(line);
      return new String(line, 0, Math.max(n, 0), StandardCharsets.US_ASCII);
    }
  }

  @Test
  void megabyteResponseBodyReachesTheClientIntact() {
    int size = 1024 * 1024;
    byte[] body =
        given()
            .when()
            .get("/api/v1/projects/export/stream?bytes=" + size)
            .then()
            .statusCode(200)
            .contentType("application/octet-stream")
            .extract()
            .asByteArray();
    assertThat(body.length, is(size));
    assertThat(
        UpstreamServers.sha256(body), is(UpstreamServers.sha256(UpstreamServers.pattern(0, size))));
  }

  /** A buffering proxy would hold the first bytes back until the upstream finished. */
  @Test
  void responseBodyIsStreamedBeforeTheUpstreamHasFinished() throws Exception {
    String token = UUID.randomUUID().toString();
    int size = 512 * 1024;
    HttpResponse<InputStream> response =
        http.sendAsync(
                HttpRequest.newBuilder(
                        gateway
                            .toURI()
                            .resolve("/api/v1/projects/stream?bytes=" + size + "&hold=" + token))
                    .header("Authorization", bearer)
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream())
            .get(10, TimeUnit.SECONDS);
    assertThat(response.statusCode(), is(200));
    try (InputStream in = response.body()) {
      byte[] prefix =
          CompletableFuture.supplyAsync(() -> readNBytes(in, UpstreamServers.HELD_PREFIX))
              .get(10, TimeUnit.SECONDS);
      assertThat(prefix, is(UpstreamServers.pattern(0, UpstreamServers.HELD_PREFIX)));

      given().when().post("/api/v1/projects/_release?token=" + token).then().statusCode(204);

      byte[] rest = in.readAllBytes();
      assertThat(
          rest,
          is(
              UpstreamServers.pattern(
                  UpstreamServers.HELD_PREFIX, size - UpstreamServers.HELD_PREFIX)));
    }
  }

  /**
   * The gateway cuts off an answer whose service sends nothing for {@code gateway.timeout} (2 s in
   * the tests), but not one whose client reads slowly: while the client does not read, the gateway
   * does not ask the service for more either (back-pressure), and that pause is nobody's silence.
   * Here the client reads nothing for longer than the timeout, far more being on its way than the
   * connections' buffers hold, then reads the whole body.
   */
  @Test
  void aDownloadItsClientReadsSlowlyIsNotCutOff() throws Exception {
    int size = 32 * 1024 * 1024;
    HttpResponse<InputStream> response =
        http.sendAsync(
                HttpRequest.newBuilder(
                        gateway.toURI().resolve("/api/v1/projects/stream?bytes=" + size))
                    .header("Authorization", bearer)
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream())
            .get(10, TimeUnit.SECONDS);
    assertThat(response.statusCode(), is(200));
    try (InputStream in = response.body()) {
      Thread.sleep(config.timeout().toMillis() + 1000);
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      long read = 0;
      for (int n; (n = in.read(buffer)) >= 0; ) {
        digest.update(buffer, 0, n);
        read += n;
      }
      assertThat(read, is((long) size));
      assertThat(
          HexFormat.of().formatHex(digest.digest()),
          is(UpstreamServers.sha256(UpstreamServers.pattern(0, size))));
    }
  }

  /** A buffering proxy would send nothing upstream until the client finished its body. */
  @Test
  void requestBodyIsStreamedBeforeTheClientHasFinished() throws Exception {
    String token = UUID.randomUUID().toString();
    PipedOutputStream out = new PipedOutputStream();
    PipedInputStream in = new PipedInputStream(out, 256 * 1024);
    CompletableFuture<HttpResponse<String>> upload =
        http.sendAsync(
            HttpRequest.newBuilder(
                    gateway.toURI().resolve("/api/v1/projects/upload?token=" + token))
                .header("Content-Type", "application/octet-stream")
                .header("Authorization", bearer)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> in))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    byte[] first = UpstreamServers.pattern(0, 128 * 1024);
    out.write(first);
    out.flush();
    digest.update(first);

    // The client's HTTP stack may keep a chunk or two of its own; half is plenty to tell.
    int threshold = first.length / 2;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    int seen = 0;
    while (seen < threshold && System.nanoTime() < deadline) {
      seen =
          given()
              .when()
              .get("/api/v1/projects/_received?token=" + token)
              .then()
              .statusCode(200)
              .extract()
              .path("bytes");
      Thread.sleep(20);
    }
    assertThat(
        "bytes the upstream received while the upload was open",
        seen,
        greaterThanOrEqualTo(threshold));

    byte[] second = UpstreamServers.pattern(first.length, 64 * 1024);
    out.write(second);
    digest.update(second);
    out.close();

    HttpResponse<String> response = upload.get(10, TimeUnit.SECONDS);
    assertThat(response.statusCode(), is(200));
    JsonPath result = JsonPath.from(response.body());
    assertThat(result.getInt("bytes"), is(first.length + second.length));
    assertThat(result.getString("sha256"), is(HexFormat.of().formatHex(digest.digest())));
  }

  @Test
  void requestIdIsGeneratedSentUpstreamAndEchoed() {
    Response response =
        given().when().get("/api/v1/projects/1").then().statusCode(200).extract().response();
    String id = response.header("X-Request-Id");
    assertThat(UUID.fromString(id).toString(), is(id));
    assertThat(response.jsonPath().getList("headers.'x-request-id'", String.class), contains(id));
  }

  @Test
  void requestIdOfTheCallerIsKept() {
    given()
        .header("X-Request-Id", "client-abc.123")
        .when()
        .get("/api/v1/risks/1")
        .then()
        .statusCode(200)
        .header("X-Request-Id", "client-abc.123")
        .body("headers.'x-request-id'", equalTo(List.of("client-abc.123")));
  }

  @Test
  void unusableRequestIdIsReplaced() {
    String tooLong = "x".repeat(200);
    Response response =
        given()
            .header("X-Request-Id", tooLong)
            .when()
            .get("/api/v1/risks/1")
            .then()
            .statusCode(200)
            .extract()
            .response();
    String id = response.header("X-Request-Id");
    assertThat(UUID.fromString(id).toString(), is(id));
    assertThat(response.jsonPath().getList("headers.'x-request-id'", String.class), contains(id));
  }

  @Test
  void forwardedHeadersDescribeTheClient() {
    String host = gateway.getHost() + ":" + gateway.getPort();
    JsonPath echo =
        given()
            .header("X-Forwarded-For", "203.0.113.7")
            .when()
            .get("/api/v1/notifications")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(
        echo.getList("headers.'x-forwarded-for'", String.class),
        contains("203.0.113.7, 127.0.0.1"));
    assertThat(echo.getList("headers.'x-forwarded-proto'", String.class), contains("http"));
    assertThat(echo.getList("headers.'x-forwarded-host'", String.class), contains(host));
    assertThat(
        echo.getList("headers.'x-forwarded-port'", String.class),
        contains(Integer.toString(gateway.getPort())));
    assertThat(
        echo.getList("headers.'forwarded'", String.class),
        contains("for=127.0.0.1;host=\"" + host + "\";proto=http"));
  }

  /**
   * A client that is not a trusted load balancer (the tests trust 127.0.0.1 only; this one calls
   * from 127.0.0.2) cannot choose the origin the gateway tells the upstream about or writes into
   * {@code Location}: its {@code X-Forwarded-Host} and {@code -Proto} are replaced by the
   * connection's own. The chain of {@code X-Forwarded-For} is kept, with the real peer appended.
   */
  @Test
  void forwardedHeadersOfAnUntrustedClientAreNotBelieved() throws Exception {
    URI upstream = config.upstream().get("milestone-service");
    String host = gateway.getHost() + ":" + gateway.getPort();
    String answer;
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress("127.0.0.2", 0));
      socket.connect(new InetSocketAddress(gateway.getHost(), gateway.getPort()), 5_000);
      socket.setSoTimeout(10_000);
      String request =
          "POST /api/v1/milestones HTTP/1.1\r\n"
              + "Host: "
              + host
              + "\r\nAuthorization: "
              + bearer
              + "\r\nX-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: https\r\n"
              + "X-Forwarded-For: 203.0.113.7\r\n"
              + "X-Echo-Status: 201\r\nX-Echo-Location: "
              + upstream
              + "/api/v1/milestones/9\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(answer, startsWith("HTTP/1.1 201"));
    assertThat(
        answer.toLowerCase(Locale.ROOT),
        containsString("\r\nlocation: http://" + host + "/api/v1/milestones/9\r\n"));
    assertThat(answer, not(containsString("Strict-Transport-Security")));
    JsonPath echo = new JsonPath(answer.substring(answer.indexOf("\r\n\r\n") + 4));
    assertThat(echo.getList("headers.'x-forwarded-host'", String.class), contains(host));
    assertThat(echo.getList("headers.'x-forwarded-proto'", String.class), contains("http"));
    assertThat(
        echo.getList("headers.'x-forwarded-for'", String.class),
        contains("203.0.113.7, 127.0.0.2"));
  }

  @Test
  void upstreamConnectionsAreKeptAliveAndReused() {
    Set<String> connections = new HashSet<>();
    for (int i = 0; i < 6; i++) {
      connections.add(
          given()
              .when()
              .get("/api/v1/webhooks/" + i)
              .then()
              .statusCode(200)
              .extract()
              .path("connection"));
    }
    assertThat(
        "upstream connections used by 6 sequential requests", connections.size(), lessThan(6));
  }

  @Test
  void concurrentRequestsNeverOpenMoreUpstreamConnectionsThanThePoolAllows() throws Exception {
    // more slow requests at once than the pool has connections: each event loop has its own pool,
    // and together they must stay within the configured limit for the upstream
    int concurrent = 3 * UpstreamServers.POOL_MAX_SIZE;
    List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
    for (int i = 0; i < concurrent; i++) {
      responses.add(
          http.sendAsync(
              HttpRequest.newBuilder(gateway.toURI().resolve("/api/v1/risks/slow?delayMs=300"))
                  .header("Authorization", bearer)
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    Set<String> connections = new HashSet<>();
    for (CompletableFuture<HttpResponse<String>> response : responses) {
      HttpResponse<String> answer = response.get(20, TimeUnit.SECONDS);
      assertThat(answer.body(), answer.statusCode(), is(200));
      connections.add(JsonPath.from(answer.body()).getString("connection"));
    }
    assertThat(
        "upstream connections used by " + concurrent + " concurrent requests",
        connections.size(),
        allOf(greaterThan(1), lessThanOrEqualTo(UpstreamServers.POOL_MAX_SIZE)));
  }

  /**
   * A refused connection is answered at once as what it is: a 502 that says the service is
   * unavailable. Had the gateway waited for the connect timeout instead, the answer would be a 504
   * that says the service did not respond in time.
   */
  @Test
  void upstreamThatIsDownAnswers502ProblemWithoutWaitingForATimeout() {
    Response response =
        given()
            .header("X-Request-Id", "req-502")
            .contentType(ContentType.JSON)
            .body("{\"a\":1}")
            .when()
            .post("/api/v1/test-dead/items")
            .then()
            .statusCode(502)
            .contentType(PROBLEM_JSON)
            .header("X-Request-Id", "req-502")
            .body("type", equalTo("https://tollgate.io/problems/bad-gateway"))
            .body("title", equalTo("Upstream service unavailable"))
            .body("status", equalTo(502))
            .body("detail", equalTo("dead-service is unavailable: connection refused"))
            .body("instance", equalTo("/api/v1/test-dead/items"))
            .body("requestId", equalTo("req-502"))
            .extract()
            .response();
    assertThat(response.header("Cache-Control"), is("no-store"));
  }

  @Test
  void upstreamThatDropsTheConnectionAnswers502Problem() {
    given()
        .when()
        .get("/api/v1/projects/hangup")
        .then()
        .statusCode(502)
        .contentType(PROBLEM_JSON)
        .body("status", equalTo(502))
        .body("detail", containsString("project-service"));
  }

  /**
   * A service that has the request but sends nothing back within {@code gateway.timeout} (2 s in
   * the tests; this one would take 20 s) gets its request cut off and the client a 504 that says
   * so: the service was reached, and did not answer in time.
   */
  @Test
  void upstreamThatIsTooSlowAnswers504Problem() {
    String path = "/api/v1/risks/too-slow-" + UUID.randomUUID() + "/slow";
    given()
        .header("X-Request-Id", "req-504")
        .when()
        .get(path + "?delayMs=20000")
        .then()
        .statusCode(504)
        .contentType(PROBLEM_JSON)
        .header("X-Request-Id", "req-504")
        .body("type", equalTo("https://tollgate.io/problems/gateway-timeout"))
        .body("title", equalTo("Upstream service timed out"))
        .body("status", equalTo(504))
        .body("detail", equalTo("risk-service did not respond in time"))
        .body("instance", equalTo(path))
        .body("requestId", equalTo("req-504"));
    assertThat(
        "requests the service received",
        UpstreamServers.seen(config.upstream().get("risk-service"), path),
        is(1L));
  }

  @Test
  void upstreamThatAnswersWithinTheTimeoutIsNotCutOff() {
    given()
        .when()
        .get("/api/v1/risks/slow?delayMs=500")
        .then()
        .statusCode(200)
        .body("service", equalTo("risk-service"));
  }

  @ParameterizedTest
  @CsvSource({"/api/v2/projects", "/api/v1/projectsx", "/api/v1/unknown/1", "/api"})
  void unknownApiPathAnswers404Problem(String path) {
    given()
        .when()
        .get(path)
        .then()
        .statusCode(404)
        .contentType(PROBLEM_JSON)
        .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
        .body("type", equalTo("https://tollgate.io/problems/not-found"))
        .body("status", equalTo(404))
        .body("instance", equalTo(path))
        .body("detail", containsString(path));
  }

  /** Vert.x's own answer would be an HTML page. */
  @Test
  void aPathOutsideTheApiAnswersAProblem() {
    given()
        .when()
        .get("/nothing-here")
        .then()
        .statusCode(404)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://tollgate.io/problems/not-found"))
        .body("instance", equalTo("/nothing-here"));
  }

  /**
   * HTTP/1.1 requires a Host header. Vert.x's router refuses a request without one, but not when
   * proxy forwarding is on (as in these tests; in production behind a load balancer), where Quarkus
   * sets an empty Host: the gateway refuses it itself, as a client's mistake that is not logged as
   * its own failure. (The router's own refusal is checked on the real platform, PlatformTest.)
   */
  @ParameterizedTest
  @CsvSource({"127.0.0.1, /api/v1/projects", "127.0.0.2, /api/v1/risks/1"})
  void aRequestWithoutHostIsA400ProblemAndNoServerError(String from, String path) throws Exception {
    LoggedErrors.Outcome<RawHttp.Answer> outcome =
        LoggedErrors.whileGetting(
            () ->
                RawHttp.exchange(
                    from,
                    gateway.getHost(),
                    gateway.getPort(),
                    "GET " + path + " HTTP/1.1",
                    "Authorization: " + bearer));
    RawHttp.Answer answer = outcome.result();
    assertThat(answer.status(), equalTo(400));
    assertThat(answer.header("Content-Type"), equalTo(PROBLEM_JSON));
    assertThat(answer.json().getString("detail"), containsString("'Host' header is required"));
    assertThat(outcome.errors(), empty());
  }

  /**
   * An HTTP/1.0 request may come without Host, through a trusted load balancer or not: the gateway
   * then has no origin of its own to write into Location and Link, and writes a relative reference
   * instead of passing on the upstream's address. (Without Quarkus's forwarding in front, as by
   * default: WithoutQuarkusUriCheckTest.)
   */
  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.0.0.2"})
  void withoutHostTheUpstreamsUrlsBecomeRelativeNeverItsAddress(String from) {
    URI upstream = config.upstream().get("milestone-service");
    RawHttp.Answer answer =
        RawHttp.exchange(
            from,
            gateway.getHost(),
            gateway.getPort(),
            "POST /api/v1/milestones HTTP/1.0",
            "Authorization: " + bearer,
            "Content-Length: 0",
            "X-Echo-Status: 201",
            "X-Echo-Location: " + upstream + "/api/v1/milestones/7?view=full",
            "X-Echo-Link: <" + upstream + "/api/v1/milestones?page=1&size=2>; rel=\"next\"");
    assertThat(answer.status(), equalTo(201));
    assertThat(answer.header("Location"), equalTo("/api/v1/milestones/7?view=full"));
    assertThat(answer.header("Link"), equalTo("</api/v1/milestones?page=1&size=2>; rel=\"next\""));
    assertThat(answer.json().getList("headers.'x-forwarded-host'"), is((Object) null));
  }

  /**
   * A request target that is not a URI is refused before it is routed, authenticated or forwarded,
   * with a problem that says what to encode: a raw {@code |} in a query (browsers send it so),
   * braces in a path, a percent-escape that does not decode. Quarkus would refuse these with an
   * empty 400; the tests run with its check off, as the launcher does (ADR 0019), and the gateway's
   * own check answers instead. No server error is logged. Written over a socket: HTTP clients
   * refuse to send such a target.
   */
  @ParameterizedTest
  @CsvSource(
      delimiterString = " -> ",
      quoteCharacter = '"',
      value = {
        "/api/v1/projects?text=a|b -> '|' must be percent-encoded as %7C",
        "/api/v1/projects/{id} -> '{' must be percent-encoded as %7B",
        "/api/v1/projects/%zz -> '%' must be followed by two hexadecimal digits",
        "/api/v1/projects/% -> '%' must be followed by two hexadecimal digits",
        "/api/v1/risks/%4 -> '%' must be followed by two hexadecimal digits",
        "/api/v1/projects?q=%2 -> '%' must be followed by two hexadecimal digits",
        "/q/openapi?x=a\\b -> '\\' must be percent-encoded as %5C"
      })
  void aTargetThatIsNotAUriIsA400ProblemThatSaysWhatToEncode(String target, String why)
      throws Exception {
    LoggedErrors.Outcome<RawHttp.Answer> outcome =
        LoggedErrors.whileGetting(
            () ->
                RawHttp.exchange(
                    gateway.getHost(),
                    gateway.getPort(),
                    "GET " + target + " HTTP/1.1",
                    "Host: localhost",
                    "Authorization: " + bearer,
                    "X-Request-Id: not-a-uri-1"));
    RawHttp.Answer answer = outcome.result();
    assertThat(answer.status(), equalTo(400));
    assertThat(answer.header("Content-Type"), equalTo(PROBLEM_JSON));
    assertThat(answer.header("X-Request-Id"), equalTo("not-a-uri-1"));
    assertThat(answer.json().getString("type"), equalTo("https://tollgate.io/problems/validation"));
    assertThat(
        answer.json().getString("detail"),
        allOf(startsWith("The request target is not a valid URI: "), containsString(why)));
    assertThat(outcome.errors(), empty());
  }

  /**
   * A long query (a pasted search text) is forwarded as any other up to 8 KiB of target, which the
   * HTTP codec would refuse from 4 KiB on with an empty 414; a longer one is a 414 problem with the
   * request id, and never reaches the service (ADR 0019).
   */
  @Test
  void aLongTargetIsForwardedAndATooLongOneIsA414ProblemThatStaysHere() {
    String text = "a".repeat(6_000);
    given()
        .queryParam("text", text)
        .get("/api/v1/projects/long-target")
        .then()
        .statusCode(200)
        .body("service", equalTo("project-service"))
        .body("query", equalTo("text=" + text));
    given()
        .header("X-Request-Id", "too-long-1")
        .queryParam("text", "a".repeat(9_000))
        .get("/api/v1/projects/too-long-target")
        .then()
        .statusCode(414)
        .contentType(PROBLEM_JSON)
        .header("X-Request-Id", "too-long-1")
        .body("type", equalTo("https://tollgate.io/problems/uri-too-long"))
        .body(
            "detail",
            equalTo(
                "The request target (path and query) is 9,038 characters long; at most 8,192"
                    + " are accepted"))
        .body("requestId", equalTo("too-long-1"));
    assertThat(
        UpstreamServers.seen(
            config.upstream().get("project-service"), "/api/v1/projects/too-long-target"),
        equalTo(0L));
  }

  /**
   * Header fields are taken up to 20 KiB and passed on (the services take 32 KiB, room for what the
   * gateway adds); more is a 431 problem that names the largest field, where the HTTP codec would
   * have answered an empty 431.
   */
  @Test
  void headerFieldsOverTheLimitAreA431ProblemThatNamesTheLargest() {
    String padding = "x".repeat(18_000);
    given()
        .header("X-Padding", padding)
        .get("/api/v1/projects/large-head")
        .then()
        .statusCode(200)
        .body("headers.x-padding[0]", equalTo(padding))
        .body("headers.x-request-id", hasSize(1));
    given()
        .header("X-Padding", "x".repeat(25_000))
        .get("/api/v1/projects/too-large-head")
        .then()
        .statusCode(431)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://tollgate.io/problems/header-fields-too-large"))
        .body("detail", containsString("at most 20,480 are accepted (the largest, X-Padding,"));
    assertThat(
        UpstreamServers.seen(
            config.upstream().get("project-service"), "/api/v1/projects/too-large-head"),
        equalTo(0L));
  }

  /**
   * An escape of bytes that are no valid UTF-8 (an overlong '/') is well-formed: the gateway does
   * not decode it to route, and the service gets the path as it was sent.
   */
  @Test
  void anOverlongUtf8EscapeIsPassedOnUndecoded() {
    given()
        .urlEncodingEnabled(false)
        .when()
        .get("/api/v1/projects/%C0%AF")
        .then()
        .statusCode(200)
        .body("service", equalTo("project-service"))
        .body("path", equalTo("/api/v1/projects/%C0%AF"));
  }

  /**
   * A failure that no failure handler answers (here one thrown by a failure handler, on a route
   * only the tests have) is the gateway's own: logged as such, and answered as a problem that does
   * not show the client what failed. Vert.x's own answer is plain text.
   */
  @Test
  void aFailureLeftToTheRouterIsA500ProblemWithoutInternals() throws Exception {
    LoggedErrors.Outcome<Response> outcome =
        LoggedErrors.whileGetting(
            () ->
                given()
                    .header("X-Request-Id", "router-failure-1")
                    .when()
                    .get(FailingRoute.PATH)
                    .then()
                    .extract()
                    .response());
    Response response = outcome.result();
    assertThat(response.statusCode(), is(500));
    assertThat(response.contentType(), is(PROBLEM_JSON));
    assertThat(response.header("X-Request-Id"), is("router-failure-1"));
    assertThat(response.header("X-Content-Type-Options"), is("nosniff"));
    assertThat(response.jsonPath().getString("type"), is("https://tollgate.io/problems/internal"));
    assertThat(response.asString(), not(containsString(FailingRoute.INTERNALS)));
    assertThat(response.asString(), not(containsString("Exception")));
    assertThat(
        outcome.errors(), contains(startsWith(GatewayRouter.class.getName() + ": Unhandled")));
  }

  @Test
  void pathWithDotSegmentsIsRefused() throws Exception {
    given()
        .urlEncodingEnabled(false)
        .when()
        .get("/api/v1/projects/%2e%2e/risks/1")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON);

    HttpResponse<String> raw =
        http.send(
            HttpRequest.newBuilder(gateway.toURI().resolve("/api/v1/projects/../risks/1"))
                .header("Authorization", bearer)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(raw.statusCode(), is(oneOf(400, 404)));
    assertThat(raw.headers().firstValue("Content-Type").orElse(null), is(PROBLEM_JSON));
  }

  /**
   * One document for everything behind the gateway: each service's operations under the paths the
   * gateway routes to it, shared components once, clashing ones renamed with their references, and
   * a service that did not answer named instead of silently missing.
   */
  @Test
  void openApiMergesTheServicesDocumentsUnderTheirRoutes() {
    forgetToken();
    String body =
        given()
            .get("/q/openapi")
            .then()
            .statusCode(200)
            .contentType("application/json")
            .extract()
            .asString();
    JsonPath doc = JsonPath.from(body);
    Set<String> paths =
        doc.getMap("paths").keySet().stream()
            .map(String::valueOf)
            .collect(java.util.stream.Collectors.toSet());
    assertThat(
        paths,
        equalTo(
            Set.of(
                "/api/v1/projects",
                "/api/v1/milestones",
                "/api/v1/risks",
                "/api/v1/test-flaky",
                "/api/v1/api-keys",
                "/api/v1/api-keys/{id}")));
    assertThat(
        doc.getString(
            "paths.'/api/v1/projects'.get.responses.'200'.content.'application/json'.schema.'$ref'"),
        equalTo("#/components/schemas/project-service_Item"));
    assertThat(
        doc.getString("components.schemas.'project-service_Item'.properties.service.const"),
        equalTo("project-service"));
    assertThat(
        doc.getString(
            "paths.'/api/v1/projects'.get.responses.'400'.content.'application/json'.schema.'$ref'"),
        equalTo("#/components/schemas/Problem"));
    assertThat(doc.getMap("components.schemas").keySet(), not(hasItem("project-service_Problem")));
    assertThat(doc.getString("components.schemas.ApiKeyRequest.type"), equalTo("object"));
    // managing keys takes an ADMIN's bearer token, never an API key
    assertThat(
        doc.getList("paths.'/api/v1/api-keys'.post.security"),
        equalTo(List.of(java.util.Map.of("SecurityScheme", List.of()))));
    // which service and why, in words; never where it lives (the document needs no token)
    assertThat(doc.getString("'x-tollgate-missing'.'dead-service'"), is("connection refused"));
    // a document the merge cannot read is left out and named, not a request left unanswered
    assertThat(
        doc.getString("'x-tollgate-missing'.'notification-service'"),
        is("its document cannot be merged (ClassCastException)"));
    assertNoUpstreamAddress(body, config.upstream().get("dead-service"));
  }

  /** Netty's own failure text names the upstream's address: "Connection refused: /host:port". */
  private static void assertNoUpstreamAddress(String answer, URI upstream) {
    assertThat(answer, not(containsString(upstream.getHost() + ":" + upstream.getPort())));
    assertThat(answer, not(containsString(":" + upstream.getPort())));
    assertThat(answer.toLowerCase(Locale.ROOT), not(containsString("connection refused:")));
  }

  /**
   * The merged document also says what the gateway adds: the headers on every answer, which a real
   * answer carries no more and no fewer of than documented, and its own 414, 429, 431, 502, 503 and
   * 504.
   */
  @Test
  void openApiDocumentsWhatTheGatewayAddsToEveryOperation() throws Exception {
    JsonNode doc = new ObjectMapper().readTree(given().get("/q/openapi").asString());
    Response proxied = given().get("/api/v1/projects");
    assertThat(proxied.statusCode(), is(200));
    assertThat(
        OpenApiHeaders.differences(doc, "GET", "/api/v1/projects", proxied, GatewayHeaders.ADDED),
        is(List.of()));
    Response own =
        given().header("Authorization", TestTokens.bearer("root", "ADMIN")).get("/api/v1/api-keys");
    assertThat(own.statusCode(), is(200));
    assertThat(
        OpenApiHeaders.differences(doc, "GET", "/api/v1/api-keys", own, GatewayHeaders.ADDED),
        is(List.of()));
    int operations = 0;
    for (var path : (Iterable<java.util.Map.Entry<String, JsonNode>>) doc.path("paths")::fields) {
      for (var operation :
          (Iterable<java.util.Map.Entry<String, JsonNode>>) path.getValue()::fields) {
        if (!operation.getValue().has("responses")) {
          continue; // the path's own parameters
        }
        JsonNode responses = operation.getValue().path("responses");
        String name = operation.getKey() + " " + path.getKey();
        boolean forwarded = !path.getKey().startsWith("/api/v1/api-keys");
        for (String status :
            forwarded
                ? List.of("414", "429", "431", "502", "504")
                : List.of("414", "429", "431", "503")) {
          assertThat(
              name + " " + status,
              responses.path(status).path("$ref").asText(),
              startsWith("#/components/responses/Gateway"));
        }
        if (forwarded) {
          // the service documents a 503 of its own: one answer says the service's and the
          // gateway's meaning
          JsonNode unavailable = responses.path("503");
          assertThat(
              name + " 503",
              unavailable.path("description").asText(),
              allOf(containsString("The database cannot be reached"), containsString("circuit")));
          assertThat(
              name + " 503",
              unavailable.path("headers").path("Retry-After").path("$ref").asText(),
              is("#/components/headers/Retry-After"));
          assertThat(
              name + " 503",
              unavailable
                  .path("content")
                  .path("application/problem+json")
                  .path("schema")
                  .path("$ref")
                  .asText(),
              is("#/components/schemas/GatewayProblem"));
        }
        operations++;
      }
    }
    assertThat(operations, is(greaterThanOrEqualTo(8)));
    assertThat(
        doc.path("components")
            .path("responses")
            .path("GatewayTooManyRequests")
            .path("headers")
            .has("Retry-After"),
        is(true));
  }

  /** The headers an API-key operation's answer may carry that its document must name. */
  private static final Set<String> API_KEY_HEADERS =
      java.util.stream.Stream.concat(
              GatewayHeaders.ADDED.stream(),
              java.util.stream.Stream.of("Allow", "Location", "Link", "WWW-Authenticate"))
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  /**
   * The API-key operations are the gateway's own, documented by hand (gateway-openapi.json): every
   * answer they give is in the merged document, its status, its media type and its headers, so that
   * the document cannot drift from what they do. A 405 answers a method the path has no operation
   * for: every operation of the path documents it, and its Allow names exactly the methods the
   * document has for the path (and HEAD beside GET).
   */
  @Test
  void everyAnswerOfTheApiKeyOperationsIsInTheDocument() throws Exception {
    forgetToken();
    JsonNode doc = new ObjectMapper().readTree(given().get("/q/openapi").asString());
    String keys = "/api/v1/api-keys";
    String oneKey = keys + "/{id}";
    String admin = TestTokens.bearer("root", "ADMIN");
    String member = TestTokens.bearer("tester", "MEMBER");
    String readOnlyAdmin = TestTokens.bearerWith("\"scope\":\"READ_ONLY\"", "auditor", "ADMIN");
    String body = "{\"name\":\"documented\",\"scope\":\"READ_ONLY\",\"ownerId\":\"docs\"}";
    String idempotencyKey = UUID.randomUUID().toString();
    List<String> differences = new ArrayList<>();

    Response created = createKey(admin, idempotencyKey, ContentType.JSON, body);
    differences.addAll(documented(doc, "POST", keys, keys, created, 201));
    String key = keys + "/" + created.path("id");
    createKey(admin, null, ContentType.JSON, body.replace("documented", "documented-too"))
        .then()
        .statusCode(201);
    for (Object[] post :
        new Object[][] {
          {admin, idempotencyKey, ContentType.JSON, body, 409},
          {admin, idempotencyKey, ContentType.JSON, body.replace("docs", "other"), 422},
          {admin, null, ContentType.JSON, "{\"name\":", 400},
          {admin, null, ContentType.TEXT, "name=x", 415},
          {admin, null, ContentType.JSON, "{\"name\":\"" + "x".repeat(17 * 1024) + "\"}", 413},
          {null, null, ContentType.JSON, body, 401},
          {member, null, ContentType.JSON, body, 403},
          {readOnlyAdmin, null, ContentType.JSON, body, 403},
        }) {
      Response answer =
          createKey((String) post[0], (String) post[1], (ContentType) post[2], (String) post[3]);
      differences.addAll(documented(doc, "POST", keys, keys, answer, (Integer) post[4]));
    }

    for (Object[] exchange :
        new Object[][] {
          {"GET", keys, keys + "?size=1", admin, 200},
          {"GET", keys, keys + "?sise=1", admin, 400},
          {"GET", keys, keys, null, 401},
          {"GET", keys, keys, member, 403},
          {"GET", oneKey, key, admin, 200},
          {"GET", oneKey, key + "?x=1", admin, 400},
          {"GET", oneKey, keys + "/" + UUID.randomUUID(), admin, 404},
          {"GET", oneKey, key, null, 401},
          {"GET", oneKey, key, member, 403},
          {"DELETE", oneKey, key + "?force=true", admin, 400},
          {"DELETE", oneKey, key, null, 401},
          {"DELETE", oneKey, key, member, 403},
          {"DELETE", oneKey, key, readOnlyAdmin, 403},
          {"DELETE", oneKey, keys + "/" + UUID.randomUUID(), admin, 404},
          {"DELETE", oneKey, key, admin, 204},
        }) {
      String method = (String) exchange[0];
      Response answer = send(method, (String) exchange[2], (String) exchange[3]);
      differences.addAll(
          documented(
              doc,
              method,
              (String) exchange[1],
              (String) exchange[2],
              answer,
              (Integer) exchange[4]));
    }
    assertThat(
        "a page of one key, of at least two, links to the next",
        send("GET", keys + "?size=1", admin).header("Link"),
        containsString("rel=\"next\""));

    for (String[] refused :
        new String[][] {
          {"PUT", keys, keys}, {"DELETE", keys, keys}, {"PATCH", oneKey, key}, {"POST", oneKey, key}
        }) {
      Response answer = send(refused[0], refused[2], admin);
      assertThat(refused[0] + " " + refused[2], answer.statusCode(), is(405));
      JsonNode item = doc.path("paths").path(refused[1]);
      Set<String> operations = new java.util.TreeSet<>();
      item.fieldNames()
          .forEachRemaining(
              m -> {
                if (item.path(m).has("responses")) {
                  operations.add(m.toUpperCase(Locale.ROOT));
                }
              });
      Set<String> allowed = new java.util.TreeSet<>(operations);
      if (allowed.contains("GET")) {
        allowed.add("HEAD");
      }
      assertThat(
          refused[0] + " " + refused[2] + ": Allow",
          Set.copyOf(List.of(answer.header("Allow").split(",\\s*"))),
          equalTo(allowed));
      for (String operation : operations) {
        differences.addAll(documented(doc, operation, refused[1], refused[2], answer, 405));
      }
    }
    assertThat(differences, is(List.of()));
  }

  private static Response createKey(
      String bearer, String idempotencyKey, ContentType type, String body) {
    var request = given().contentType(type).body(body);
    if (bearer != null) {
      request.header("Authorization", bearer);
    }
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return request.when().post("/api/v1/api-keys");
  }

  private static Response send(String method, String path, String bearer) {
    var request = given().urlEncodingEnabled(false);
    if (bearer != null) {
      request.header("Authorization", bearer);
    }
    return request.when().request(method, path);
  }

  /**
   * How an answer of {@code method} on {@code path} (of the document's {@code template}) differs
   * from what the document says of that operation's answer with its status: a header it carries
   * that is not named there (of {@link #API_KEY_HEADERS}), a required one it lacks, its media type.
   * Its status must be {@code status}, or the test asks for another answer than it means to.
   */
  private static List<String> documented(
      JsonNode doc, String method, String template, String path, Response answer, int status) {
    String name = method + " " + path;
    assertThat(name + ": " + answer.asString(), answer.statusCode(), is(status));
    List<String> differences =
        new ArrayList<>(OpenApiHeaders.differences(doc, method, path, answer, API_KEY_HEADERS));
    JsonNode response =
        doc.path("paths")
            .path(template)
            .path(method.toLowerCase(Locale.ROOT))
            .path("responses")
            .path(Integer.toString(status));
    if (response.isMissingNode()) {
      return differences; // already said: status not documented
    }
    String ref = response.path("$ref").asText("");
    if (ref.startsWith("#/")) {
      response = doc.at(ref.substring(1));
    }
    String type = answer.contentType();
    if (type != null && !type.isEmpty()) {
      String media = type.split(";")[0].trim();
      if (!response.path("content").has(media)) {
        differences.add(name + " " + status + ": " + media + " not documented");
      }
    }
    return differences;
  }

  /**
   * A producing service's AsyncAPI document and its schemas, at /asyncapi/<service>/..., fetched
   * from the service's own /asyncapi/...; no token needed, an unknown service is a 404 problem.
   */
  @Test
  void eventDocumentsOfEachServiceAreServedUnderItsName() {
    forgetToken();
    given()
        .get("/asyncapi/risk-service/schemas/risk-event.v1.json")
        .then()
        .statusCode(200)
        .contentType("application/json")
        .body("service", equalTo("risk-service"))
        .body("path", equalTo("/asyncapi/schemas/risk-event.v1.json"))
        .body("method", equalTo("GET"));
    given()
        .get("/asyncapi/no-such-service/asyncapi.yaml")
        .then()
        .statusCode(404)
        .contentType(PROBLEM_JSON)
        .body("detail", containsString("/asyncapi/<service>/asyncapi.yaml"));
    String unreachable =
        given()
            .get("/asyncapi/dead-service/asyncapi.yaml")
            .then()
            .statusCode(502)
            .contentType(PROBLEM_JSON)
            .body("detail", equalTo("dead-service is unavailable: connection refused"))
            .extract()
            .asString();
    assertNoUpstreamAddress(unreachable, config.upstream().get("dead-service"));
  }

  @Test
  void healthAndMetricsAreServed() {
    given()
        .port(management.getPort())
        .when()
        .get("/q/health/live")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"));
    given()
        .port(management.getPort())
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.find { it.name == 'gateway-routes' }.data.routes", equalTo(9));

    given().when().get("/api/v1/projects/metrics-probe").then().statusCode(200);
    given().when().get("/api/v1/risks").then().statusCode(200);
    given().when().get("/api/v1/test-dead/metrics-probe").then().statusCode(502);
    // paths nobody routes, refused before routing (no token): one tag between them, never theirs
    String random = "probe-" + UUID.randomUUID();
    forgetToken();
    given().when().get("/api/" + random + "/x").then().statusCode(401);
    String metrics =
        given()
            .port(management.getPort())
            .when()
            .get("/q/metrics")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(
        metrics,
        allOf(
            containsString(
                "gateway_upstream_failures_total{service=\"dead-service\",status=\"502\"}"),
            containsString("uri=\"/api/v1/projects/{path}\""),
            containsString("uri=\"/api/v1/risks\""),
            containsString("uri=\"/api/{unrouted}\""),
            not(containsString(random))));
  }

  private static byte[] readNBytes(InputStream in, int n) {
    try {
      return in.readNBytes(n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
