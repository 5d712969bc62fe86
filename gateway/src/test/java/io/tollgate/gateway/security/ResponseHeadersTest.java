package io.tollgate.gateway.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.tollgate.gateway.config.GatewayConfig;
import io.tollgate.gateway.testing.UpstreamServers;
import io.tollgate.testing.RawHttp;
import io.tollgate.testing.TestTokens;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Security headers, CORS for browser frontends, and the request body limit. */
@QuarkusTest
class ResponseHeadersTest {

  private static final String ALLOWED_ORIGIN = "http://localhost:3000";
  private static final String UUID_V4 =
      "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

  @Inject GatewayConfig config;

  @TestHTTPResource("/")
  URL gateway;

  private final String bearer = TestTokens.bearer("carol", "MEMBER");

  @Test
  void proxiedAnswersCarryTheSecurityHeaders() {
    securityHeaders(given().header("Authorization", bearer).when().get("/api/v1/risks/1").then())
        .statusCode(200)
        .header("Cache-Control", "no-store")
        .header("Strict-Transport-Security", nullValue());
  }

  @Test
  void theGatewaysOwnAnswersCarryThemToo() {
    securityHeaders(given().when().get("/api/v1/risks/1").then()).statusCode(401);
    securityHeaders(given().header("Authorization", bearer).when().get("/api/v1/none").then())
        .statusCode(404);
  }

  /**
   * Every problem the gateway answers itself, on any path (a path it does not serve, the documents'
   * own problems), quotes the request id its answer carries, made when the client sent none or one
   * that is not sane, and carries the security headers.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET /",
        "GET /q/health",
        "GET /q/metrics",
        "GET /nothing/here",
        "GET /asyncapi/no-such-service/asyncapi.yaml",
        "POST /q/openapi",
        "DELETE /q/swagger-ui/"
      })
  void theGatewaysOwnProblemsOnAnyPathQuoteTheRequestIdTheyCarry(String request) {
    String method = request.substring(0, request.indexOf(' '));
    String path = request.substring(method.length() + 1);
    // none sent, and one that could smuggle a log line in: a new one is made
    for (String sent : new String[] {null, "a b"}) {
      var specification = given();
      if (sent != null) {
        specification.header("X-Request-Id", sent);
      }
      ExtractableResponse<Response> answer =
          securityHeaders(specification.when().request(method, path).then())
              .statusCode(oneOf(404, 405))
              .contentType("application/problem+json")
              .header("Cache-Control", "no-store")
              .body("instance", equalTo(path))
              .extract();
      String requestId = answer.path("requestId");
      assertThat(requestId, matchesPattern(UUID_V4));
      assertThat(answer.header("X-Request-Id"), equalTo(requestId));
    }
    securityHeaders(given().header("X-Request-Id", "mine-1").when().request(method, path).then())
        .header("X-Request-Id", "mine-1")
        .body("requestId", equalTo("mine-1"));
  }

  /**
   * Swagger UI takes a bearer token ("Authorize"): its page must not be framed by another site, and
   * must not keep the token in the browser's storage. The documents get the same headers.
   */
  @Test
  void swaggerUiAndTheApiDocumentsCarryThemToo() {
    String page =
        documentHeaders(given().when().get("/q/swagger-ui/").then())
            .statusCode(200)
            .header("Cache-Control", "no-cache")
            .extract()
            .asString();
    assertThat(page, containsString("SwaggerUIBundle("));
    assertThat(page.replace(" ", ""), not(containsString("persistAuthorization:true")));
    documentHeaders(given().when().get("/q/swagger-ui/swagger-ui-bundle.js").then())
        .statusCode(200);
    documentHeaders(given().when().get("/q/openapi").then()).statusCode(200);
    documentHeaders(given().when().get("/asyncapi/risk-service/schemas/risk-event.v1.json").then())
        .statusCode(200);
  }

  /** HEAD works wherever GET does, with the same headers and no body. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/q/openapi",
        "/q/swagger-ui/",
        "/q/swagger-ui/swagger-ui-bundle.js",
        "/asyncapi/risk-service/schemas/risk-event.v1.json"
      })
  void theDocumentsAnswerHead(String path) {
    String type = given().when().get(path).then().statusCode(200).extract().contentType();
    byte[] body =
        documentHeaders(given().when().head(path).then())
            .statusCode(200)
            .contentType(type)
            .extract()
            .asByteArray();
    assertThat(body.length, is(0));
  }

  /** Another method on a document is a 405 problem that says which methods are allowed. */
  @ParameterizedTest
  @ValueSource(strings = {"/q/openapi", "/q/swagger-ui/", "/asyncapi/risk-service/asyncapi.yaml"})
  void anotherMethodOnADocumentIsA405Problem(String path) {
    for (String method : new String[] {"POST", "DELETE", "OPTIONS"}) {
      documentHeaders(given().when().request(method, path).then())
          .statusCode(405)
          .header("Allow", "GET, HEAD")
          .contentType("application/problem+json")
          .body("type", equalTo("https://tollgate.io/problems/method-not-allowed"))
          .body("detail", containsString(method + " is not allowed"))
          .body("instance", equalTo(path));
    }
  }

  @Test
  void aServicesOwnCachePolicyIsKept() {
    given()
        .header("Authorization", bearer)
        .header("X-Echo-Cache-Control", "private, max-age=60")
        .when()
        .get("/api/v1/risks/1")
        .then()
        .statusCode(200)
        .header("Cache-Control", "private, max-age=60");
  }

  @Test
  void strictTransportSecurityBehindTls() {
    given()
        .header("Authorization", bearer)
        .header("X-Forwarded-Proto", "https")
        .when()
        .get("/api/v1/risks/1")
        .then()
        .statusCode(200)
        .header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }

  @Test
  void preflightFromAnAllowedOriginIsAnsweredWithoutAToken() {
    String path = "/api/v1/projects/" + UUID.randomUUID();
    given()
        .header("Origin", ALLOWED_ORIGIN)
        .header("Access-Control-Request-Method", "PATCH")
        .header("Access-Control-Request-Headers", "authorization,content-type,if-match")
        .when()
        .options(path)
        .then()
        .statusCode(200)
        .header("Access-Control-Allow-Origin", ALLOWED_ORIGIN)
        .header("Access-Control-Allow-Methods", containsString("PATCH"))
        .header(
            "Access-Control-Allow-Headers",
            allOf(
                containsString("Authorization"),
                containsString("If-Match"),
                containsString("Content-Type")))
        .header("Access-Control-Max-Age", "3600");
    assertThat(UpstreamServers.seen(config.upstream().get("project-service"), path), is(0L));
  }

  /**
   * A request from an origin that may not call the API (another site, a sandboxed page's {@code
   * null}, an empty one) is refused as a problem, with the request id and the security headers, not
   * Quarkus's bare 403, and reaches no service: a preflight, and a request sent without one.
   */
  @ParameterizedTest
  @ValueSource(strings = {"https://evil.example", "null", "http://localhost:3000.evil.example"})
  void aRequestFromAnotherOriginIsRefusedAsAProblem(String origin) {
    String path = "/api/v1/projects/" + UUID.randomUUID();
    securityHeaders(
            given()
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "GET")
                .when()
                .options(path)
                .then())
        .statusCode(403)
        .contentType("application/problem+json")
        .header("Access-Control-Allow-Origin", nullValue())
        .body("type", equalTo("https://tollgate.io/problems/forbidden"))
        .body("detail", containsString("may not call this API from a browser"));
    securityHeaders(
            given()
                .header("Origin", origin)
                .header("Authorization", bearer)
                .header("X-Request-Id", "cors-refused-1")
                .when()
                .post(path)
                .then())
        .statusCode(403)
        .contentType("application/problem+json")
        .header("X-Request-Id", "cors-refused-1")
        .header("Access-Control-Allow-Origin", nullValue())
        .body("requestId", equalTo("cors-refused-1"))
        .body("instance", equalTo(path));
    assertThat(UpstreamServers.seen(config.upstream().get("project-service"), path), is(0L));
  }

  /** An empty Origin, which HTTP clients will not send, is refused the same way. */
  @Test
  void anEmptyOriginIsRefusedAsAProblem() {
    String path = "/api/v1/projects/" + UUID.randomUUID();
    RawHttp.Answer answer =
        RawHttp.exchange(
            gateway.getHost(),
            gateway.getPort(),
            "GET " + path + " HTTP/1.1",
            "Host: localhost",
            "Origin: ",
            "Authorization: " + bearer);
    assertThat(answer.status(), is(403));
    assertThat(answer.header("Content-Type"), is("application/problem+json"));
    assertThat(answer.header("X-Frame-Options"), is("DENY"));
    assertThat(answer.json().getString("detail"), startsWith("An empty Origin may not call"));
    assertThat(UpstreamServers.seen(config.upstream().get("project-service"), path), is(0L));
  }

  /** A method CORS does not allow, from an allowed origin, is a problem too. */
  @Test
  void aMethodCorsDoesNotAllowIsRefusedAsAProblem() {
    String path = "/api/v1/risks/" + UUID.randomUUID();
    securityHeaders(
            given()
                .header("Origin", ALLOWED_ORIGIN)
                .header("Authorization", bearer)
                .when()
                .request("PROPFIND", path)
                .then())
        .statusCode(403)
        .contentType("application/problem+json")
        .body("detail", containsString("PROPFIND"));
    assertThat(UpstreamServers.seen(config.upstream().get("risk-service"), path), is(0L));
  }

  /** The gateway's own origin is not cross-origin: a same-origin page needs no CORS settings. */
  @Test
  void theGatewaysOwnOriginIsNotRefused() {
    given()
        .header("Origin", "http://" + gateway.getHost() + ":" + gateway.getPort())
        .header("Authorization", bearer)
        .when()
        .post("/api/v1/risks")
        .then()
        .statusCode(200);
  }

  @Test
  void corsRequestsExposeTheHeadersFrontendsNeed() {
    given()
        .header("Origin", ALLOWED_ORIGIN)
        .header("Authorization", bearer)
        .when()
        .get("/api/v1/risks/1")
        .then()
        .statusCode(200)
        .header("Access-Control-Allow-Origin", ALLOWED_ORIGIN)
        .header(
            "Access-Control-Expose-Headers",
            allOf(
                containsString("ETag"),
                containsString("Location"),
                containsString("Link"),
                containsString("X-Request-Id"),
                containsString("RateLimit-Remaining"),
                containsString("Retry-After"),
                // a retried create tells the client it got the first answer again
                containsString("Idempotent-Replayed")));
    // and the headers that say what to do after a refusal: a 401's challenge (an expired token
    // is refreshed, another one is not), a 405's methods and a 415's patch media types
    given()
        .header("Origin", ALLOWED_ORIGIN)
        .when()
        .get("/api/v1/risks/1")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", containsString("Bearer"))
        .header("Access-Control-Allow-Origin", ALLOWED_ORIGIN)
        .header(
            "Access-Control-Expose-Headers",
            allOf(
                containsString("WWW-Authenticate"),
                containsString("Allow"),
                containsString("Accept-Patch")));
    // API keys are for servers: a browser may not send one cross-origin
    given()
        .header("Origin", ALLOWED_ORIGIN)
        .header("Access-Control-Request-Method", "GET")
        .header("Access-Control-Request-Headers", "x-api-key")
        .when()
        .options("/api/v1/risks")
        .then()
        .header("Access-Control-Allow-Headers", not(containsString("X-Api-Key")));
  }

  /** A web app that traces its users' requests sends the W3C trace context (ADR 0023). */
  @Test
  void aBrowserMaySendItsTraceContext() {
    given()
        .header("Origin", ALLOWED_ORIGIN)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "traceparent,tracestate")
        .when()
        .options("/api/v1/risks")
        .then()
        .header("Access-Control-Allow-Origin", ALLOWED_ORIGIN)
        .header(
            "Access-Control-Allow-Headers",
            allOf(containsString("traceparent"), containsString("tracestate")));
  }

  @Test
  void bodyOverTheLimitIs413BeforeAnythingIsProxied() throws Exception {
    String path = "/api/v1/projects/" + UUID.randomUUID() + "/upload";
    long tooLarge = 2L * 1024 * 1024 + 1; // the test limit is 2M
    try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST "
                  + path
                  + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                  + bearer
                  + "\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                  + tooLarge
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[1024]); // a little of the body; the gateway must not wait for the rest
      out.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String status = in.readLine();
      StringBuilder head = new StringBuilder();
      int length = 0;
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        head.append(line).append('\n');
        if (line.toLowerCase().startsWith("content-length:")) {
          length = Integer.parseInt(line.substring("content-length:".length()).trim());
        }
      }
      char[] body = new char[length];
      int read = 0;
      while (read < length) {
        int n = in.read(body, read, length - read);
        if (n < 0) {
          break;
        }
        read += n;
      }
      assertThat(status, startsWith("HTTP/1.1 413"));
      assertThat(
          head.toString().toLowerCase(), containsString("content-type: application/problem+json"));
      assertThat(head.toString().toLowerCase(), containsString("connection: close"));
      assertThat(
          new String(body), containsString("https://tollgate.io/problems/payload-too-large"));
    }
    assertThat(UpstreamServers.seen(config.upstream().get("project-service"), path), is(0L));
  }

  @Test
  void bodyAtTheLimitPasses() {
    byte[] body = new byte[2 * 1024 * 1024];
    given()
        .header("Authorization", bearer)
        .contentType("application/octet-stream")
        .body(body)
        .when()
        .post("/api/v1/projects/upload?token=" + UUID.randomUUID())
        .then()
        .statusCode(200)
        .body("bytes", equalTo(body.length));
  }

  private static ValidatableResponse documentHeaders(ValidatableResponse response) {
    return response
        .header("X-Content-Type-Options", "nosniff")
        .header("X-Frame-Options", "DENY")
        .header("Referrer-Policy", "no-referrer");
  }

  private static ValidatableResponse securityHeaders(ValidatableResponse response) {
    return response
        .header("X-Content-Type-Options", "nosniff")
        .header("X-Frame-Options", "DENY")
        .header("Referrer-Policy", "no-referrer")
        .header("X-Request-Id", not(nullValue()));
  }
}
