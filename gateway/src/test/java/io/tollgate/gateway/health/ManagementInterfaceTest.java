package io.tollgate.gateway.health;

import static io.restassured.RestAssured.given;
import static io.tollgate.testing.Metrics.sum;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.testing.LoggedErrors;
import io.tollgate.testing.Metrics;
import io.tollgate.testing.RawHttp;
import io.tollgate.testing.TestTokens;
import java.net.URL;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gateway is the platform's public entry point, so its health and metrics (routes, request
 * counts, upstream failures, circuit states, the JVM) are served on the management interface only,
 * a port of their own that is never published (ADR 0018). The public port answers them as it
 * answers any path it does not serve; its API documents stay where clients find them.
 */
@QuarkusTest
class ManagementInterfaceTest {

  private static final String PROBLEM_JSON = "application/problem+json";

  @TestHTTPResource("/")
  URL gateway;

  // http://localhost:<management port>/q/
  @TestHTTPResource(value = "/", management = true)
  URL management;

  @ParameterizedTest
  @ValueSource(
      strings = {"/q/health", "/q/health/live", "/q/health/ready", "/q/metrics", "/q/metrics/"})
  void thePublicPortDoesNotServeHealthOrMetrics(String path) {
    given()
        .when()
        .get(path)
        .then()
        .statusCode(404)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://tollgate.io/problems/not-found"))
        .body("status", equalTo(404))
        .body("instance", equalTo(path))
        .body(not(containsString("gateway_")));
  }

  @Test
  void theManagementPortServesReadinessLivenessAndMetrics() {
    assertThat(management.getPort(), not(equalTo(gateway.getPort())));
    given()
        .port(management.getPort())
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.find { it.name == 'gateway-routes' }.status", equalTo("UP"));
    given()
        .port(management.getPort())
        .when()
        .get("/q/health/live")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"));
    String metrics =
        given()
            .port(management.getPort())
            .accept("text/plain") // Prometheus's text format, as a scraper asks for it
            .when()
            .get("/q/metrics")
            .then()
            .statusCode(200)
            .contentType(startsWith("text/plain"))
            .extract()
            .asString();
    assertThat(metrics, containsString("gateway_circuit_state{service=\"project-service\""));
  }

  /**
   * One {@code uri} tag per route prefix and one for what is below it, whatever the answer: a 404
   * that a service answers on the prefix itself (no operation there yet), with or without a
   * trailing slash, is counted under the prefix, not with the paths nothing serves (NOT_FOUND).
   */
  @Test
  void aRoutePrefixKeepsItsUriTagOnA404() {
    String bearer = TestTokens.bearer("mona", "MEMBER");
    String prefix = "/api/v1/subscriptions";
    double onPrefix = notFoundCount(prefix);
    double below = notFoundCount(prefix + "/{path}");
    double nowhere = notFoundCount("NOT_FOUND");
    for (String path : new String[] {prefix, prefix + "/", prefix + "/7"}) {
      given()
          .header("Authorization", bearer)
          .header("X-Echo-Status", "404")
          .when()
          .get(path)
          .then()
          .statusCode(404);
    }
    assertThat(notFoundCount(prefix), equalTo(onPrefix + 2));
    assertThat(notFoundCount(prefix + "/{path}"), equalTo(below + 1));
    assertThat(notFoundCount("NOT_FOUND"), equalTo(nowhere));
    // a path no route serves is still counted with its like
    given().when().get("/nowhere").then().statusCode(404);
    assertThat(notFoundCount("NOT_FOUND"), equalTo(nowhere + 1));
  }

  /** How many GETs answered 404 the metrics count under {@code uri} (0 before the first). */
  private double notFoundCount(String uri) {
    return requestCounts()
        .getOrDefault(
            Map.of("method", "GET", "outcome", "CLIENT_ERROR", "status", "404", "uri", uri), 0.0);
  }

  /**
   * Whoever can reach the management port must not move the public routes' series: what it is sent
   * that is not one of its endpoints is counted under one tag of its own, whatever the path, and
   * the public series stay as they were.
   */
  @Test
  void requestsToTheManagementPortAreNotCountedAsPublicTraffic() throws InterruptedException {
    Map<String, String> tag = Map.of("uri", "MANAGEMENT");
    Map<Map<String, String>, Double> before = requestCounts();
    String[][] sent = {
      {"DELETE", "/api/v1/portfolio"},
      {"DELETE", "/api/v1/portfolio"},
      {"DELETE", "/api/v1/portfolio"},
      {"GET", "/api/v1/risks/x1"},
      {"GET", "/"},
      {"GET", "/nowhere"}
    };
    for (String[] request : sent) {
      given()
          .port(management.getPort())
          .header("Authorization", TestTokens.bearer("mona", "MEMBER"))
          .when()
          .request(request[0], request[1])
          .then()
          .statusCode(404);
    }
    // the server records an answer once it has ended, which the client may see first
    Map<Map<String, String>, Double> after =
        awaitRequestCounts(counts -> sum(counts, tag) >= sum(before, tag) + sent.length);
    assertThat(sum(after, tag), equalTo(sum(before, tag) + sent.length));
    Map<String, String> deletes = Map.of("method", "DELETE", "status", "404", "uri", "MANAGEMENT");
    assertThat(sum(after, deletes), equalTo(sum(before, deletes) + 3));
    after.keySet().removeIf(labels -> "MANAGEMENT".equals(labels.get("uri")));
    before.keySet().removeIf(labels -> "MANAGEMENT".equals(labels.get("uri")));
    assertThat(after, equalTo(before));
  }

  /** Each {@code http_server_requests_seconds_count} series by its labels, with its count. */
  private Map<Map<String, String>, Double> requestCounts() {
    return Metrics.series("http_server_requests_seconds_count", management.getPort());
  }

  private Map<Map<String, String>, Double> awaitRequestCounts(
      Predicate<Map<Map<String, String>, Double>> done) throws InterruptedException {
    for (int attempt = 0; attempt < 50; attempt++) {
      Map<Map<String, String>, Double> counts = requestCounts();
      if (done.test(counts)) {
        return counts;
      }
      Thread.sleep(100);
    }
    return fail("the metrics never counted the requests: " + requestCounts());
  }

  @Test
  void theApiDocumentsStayOnThePublicPort() {
    given().when().get("/q/openapi").then().statusCode(200).contentType(containsString("json"));
    given().when().get("/q/swagger-ui/").then().statusCode(200);
    given().when().get("/asyncapi/project-service/asyncapi.yaml").then().statusCode(200);
    given()
        .port(management.getPort())
        .when()
        .get("/q/openapi")
        .then()
        .statusCode(404)
        .contentType(PROBLEM_JSON)
        .body("instance", equalTo("/q/openapi"));
  }

  /**
   * A probe that sends no Host header (HTTP/1.1 requires one) is refused as on the public port: a
   * 400 problem, not Quarkus's error id and an ERROR in the gateway's log.
   */
  @Test
  void aRequestWithoutHostOnTheManagementPortIsAProblemAndNoServerError() throws Exception {
    LoggedErrors.Outcome<RawHttp.Answer> outcome =
        LoggedErrors.whileGetting(
            () ->
                RawHttp.exchange(
                    management.getHost(), management.getPort(), "GET /q/health/ready HTTP/1.1"));
    RawHttp.Answer answer = outcome.result();
    assertThat(answer.status(), equalTo(400));
    assertThat(answer.header("Content-Type"), equalTo(PROBLEM_JSON));
    assertThat(answer.json().getString("detail"), containsString("'Host' header is required"));
    assertThat(outcome.errors(), empty());
  }

  /** A target that is not a URI is a problem that says why here too (ADR 0019). */
  @ParameterizedTest
  @ValueSource(strings = {"/q/health/ready?x=a|b", "/q/metrics/%zz", "/q/health/{x}"})
  void aTargetThatIsNotAUriOnTheManagementPortIsAProblem(String target) throws Exception {
    LoggedErrors.Outcome<RawHttp.Answer> outcome =
        LoggedErrors.whileGetting(
            () ->
                RawHttp.exchange(
                    management.getHost(),
                    management.getPort(),
                    "GET " + target + " HTTP/1.1",
                    "Host: localhost"));
    RawHttp.Answer answer = outcome.result();
    assertThat(answer.status(), equalTo(400));
    assertThat(answer.header("Content-Type"), equalTo(PROBLEM_JSON));
    assertThat(
        answer.json().getString("detail"), startsWith("The request target is not a valid URI: "));
    assertThat(outcome.errors(), empty());
  }

  /** A target too long is a 414 problem here too, not the HTTP codec's empty answer. */
  @Test
  void aTargetTooLongOnTheManagementPortIsA414Problem() throws Exception {
    String target = "/q/health/ready?x=" + "a".repeat(9_000);
    RawHttp.Answer answer =
        RawHttp.exchange(
            management.getHost(),
            management.getPort(),
            "GET " + target + " HTTP/1.1",
            "Host: localhost");
    assertThat(answer.status(), equalTo(414));
    assertThat(answer.header("Content-Type"), equalTo(PROBLEM_JSON));
    assertThat(
        answer.json().getString("type"), equalTo("https://tollgate.io/problems/uri-too-long"));
  }
}
