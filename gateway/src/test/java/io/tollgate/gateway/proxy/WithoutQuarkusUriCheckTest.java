package io.tollgate.gateway.proxy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tollgate.gateway.config.GatewayConfig;
import io.tollgate.gateway.testing.ApplicationRouter;
import io.tollgate.gateway.testing.UpstreamServers;
import io.tollgate.testing.LoggedErrors;
import io.tollgate.testing.RawHttp;
import io.tollgate.testing.TestTokens;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gateway's router served on a server of the test's own, with nothing of Quarkus in front of it
 * (as the launcher runs the gateway, with {@code -Dvertx.disableURIValidation=true}: ADR 0019), nor
 * its forwarded-header handling, which the other tests turn on as behind a load balancer and which
 * rewrites {@code Host}. Written over a socket: HTTP clients refuse to send such requests.
 */
@QuarkusTest
class WithoutQuarkusUriCheckTest {

  @Inject Vertx vertx;
  @Inject ApplicationRouter router;
  @Inject GatewayConfig config;

  private HttpServer server;

  @BeforeEach
  void serveTheRouter() throws Exception {
    server =
        vertx
            .createHttpServer()
            .requestHandler(router.router())
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /**
   * A path whose percent-escapes do not decode reaches the router, which fails it while matching
   * routes, before any of the gateway's handlers has run; on its own it answers plain text and logs
   * an ERROR with a stack trace per request. The gateway answers a problem with its headers, and
   * logs no error.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/v1/projects/%zz",
        "/api/v1/projects/%",
        "/api/v1/projects/%4",
        "/api/v1/risks/%4/x?page=1",
        "/api/v1/projects/%+1",
        "/q/health/%zz"
      })
  void aPathWithAnInvalidPercentEncodingIsA400ProblemAndNoServerError(String path)
      throws Exception {
    LoggedErrors.Outcome<RawHttp.Answer> outcome =
        LoggedErrors.whileGetting(
            () ->
                RawHttp.exchange(
                    "127.0.0.1",
                    server.actualPort(),
                    "GET " + path + " HTTP/1.1",
                    "Host: localhost",
                    "Authorization: " + TestTokens.bearer("tester", "MEMBER"),
                    "X-Request-Id: bad-escape-1"));
    RawHttp.Answer answer = outcome.result();
    assertThat(answer.status(), equalTo(400));
    assertThat(answer.header("Content-Type"), equalTo("application/problem+json"));
    assertThat(answer.header("X-Request-Id"), equalTo("bad-escape-1"));
    assertThat(answer.header("X-Content-Type-Options"), equalTo("nosniff"));
    assertThat(answer.header("Cache-Control"), equalTo("no-store"));
    JsonPath problem = answer.json();
    assertThat(problem.getString("type"), equalTo("https://tollgate.io/problems/validation"));
    assertThat(
        problem.getString("detail"),
        containsString("'%' must be followed by two hexadecimal digits"));
    assertThat(problem.getString("requestId"), equalTo("bad-escape-1"));
    assertThat(outcome.errors(), empty());
  }

  /**
   * Two Host fields are refused (RFC 9112 section 3.2), before anything else: Vert.x would take the
   * first, and a client could have any origin written into Location and Link.
   */
  @ParameterizedTest
  @ValueSource(strings = {"/api/v1/milestones/two-hosts", "/q/openapi"})
  void twoHostFieldsAreA400ProblemAndReachNoService(String path) throws Exception {
    LoggedErrors.Outcome<RawHttp.Answer> outcome =
        LoggedErrors.whileGetting(
            () ->
                RawHttp.exchange(
                    "127.0.0.1",
                    server.actualPort(),
                    "GET " + path + " HTTP/1.1",
                    "Host: evil.example",
                    "Host: localhost",
                    "Authorization: " + TestTokens.bearer("tester", "MEMBER"),
                    "X-Request-Id: two-hosts-1"));
    RawHttp.Answer answer = outcome.result();
    assertThat(answer.status(), equalTo(400));
    assertThat(answer.header("Content-Type"), equalTo("application/problem+json"));
    assertThat(answer.header("X-Request-Id"), equalTo("two-hosts-1"));
    assertThat(answer.header("X-Frame-Options"), equalTo("DENY"));
    assertThat(answer.json().getString("detail"), containsString("one Host header field"));
    assertThat(outcome.errors(), empty());
    assertThat(UpstreamServers.seen(config.upstream().get("milestone-service"), path), is(0L));
  }

  /**
   * An HTTP/1.0 request may come without Host: the gateway then has no origin of its own to write
   * into Location and Link, and writes a relative reference instead of the upstream's address.
   */
  @Test
  void withoutHostTheUpstreamsUrlsBecomeRelativeNeverItsAddress() {
    URI upstream = config.upstream().get("milestone-service");
    RawHttp.Answer answer =
        RawHttp.exchange(
            "127.0.0.1",
            server.actualPort(),
            "POST /api/v1/milestones HTTP/1.0",
            "Authorization: " + TestTokens.bearer("tester", "MEMBER"),
            "Content-Length: 0",
            "X-Echo-Status: 201",
            "X-Echo-Location: " + upstream + "/api/v1/milestones/7?view=full",
            "X-Echo-Link: <" + upstream + "/api/v1/milestones?page=1&size=2>; rel=\"next\"");
    assertThat(answer.status(), equalTo(201));
    assertThat(answer.header("Location"), equalTo("/api/v1/milestones/7?view=full"));
    assertThat(answer.header("Link"), equalTo("</api/v1/milestones?page=1&size=2>; rel=\"next\""));
  }
}
