package io.tollgate.project;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.tollgate.testing.Metrics;
import io.tollgate.testing.RawHttp;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an operator reads on the service's {@code /q/metrics}: its HTTP answers, its database pool.
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "project"))
class ServiceMetricsTest {

  private static final String REQUESTS = "http_server_requests_seconds_count";

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  /**
   * Answers that no operation gave (a 405, an OPTIONS, a target the router refuses) are counted
   * under their route's template, or one fixed tag, never under their path: each id made a series
   * of its own, and after 100 uri tags Micrometer recorded no new route at all.
   */
  @Test
  void answersBesideTheOperationsAreCountedUnderTheirRouteNotTheirPath() {
    String id = UUID.randomUUID().toString();
    String project = "/api/v1/projects/" + id;
    String costs = "/api/v1/projects/{id}/costs";
    double puts = count("PUT", "405", "/api/v1/projects/{id}");
    double propfinds = count("PROPFIND", "405", costs);
    double options = count("OPTIONS", "200", costs + "/{costId}");
    double unmatched = count("GET", "400", "UNMATCHED");

    given().put(project).then().statusCode(405);
    given().request("PROPFIND", project + "/costs").then().statusCode(405);
    given().options(project + "/costs/" + id).then().statusCode(200);
    for (String target : List.of(project + "/a|b", project + "/%zz")) {
      String host = URI.create(RestAssured.baseURI).getHost();
      RawHttp.Answer answer =
          RawHttp.exchange(
              host,
              RestAssured.port,
              "GET " + target + " HTTP/1.1",
              "Host: " + host,
              "Authorization: " + TestTokens.bearer("alice", "MEMBER"));
      assertEquals(400, answer.status(), target);
    }

    assertThat(
        Metrics.series(REQUESTS).keySet().stream()
            .filter(labels -> labels.values().stream().anyMatch(value -> value.contains(id)))
            .toList(),
        empty());
    assertEquals(puts + 1, count("PUT", "405", "/api/v1/projects/{id}"));
    assertEquals(propfinds + 1, count("PROPFIND", "405", costs));
    assertEquals(options + 1, count("OPTIONS", "200", costs + "/{costId}"));
    assertEquals(unmatched + 2, count("GET", "400", "UNMATCHED"));
  }

  /**
   * A route's latency is a histogram of a few fixed buckets (5 ms to 10 s, and +Inf), from which
   * its p95 and p99 can be computed; not only count, sum and max.
   */
  @Test
  void aRoutesLatencyIsAHistogramOfAFewBuckets() {
    given().queryParam("size", 1).get("/api/v1/projects").then().statusCode(200);
    Map<String, String> route = Map.of("method", "GET", "status", "200", "uri", "/api/v1/projects");
    List<String> buckets =
        Metrics.series("http_server_requests_seconds_bucket").keySet().stream()
            .filter(labels -> labels.entrySet().containsAll(route.entrySet()))
            .map(labels -> labels.get("le"))
            .toList();
    assertEquals(
        List.of(
            "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0",
            "+Inf"),
        buckets);
  }

  /** The database pool's use: connections in use, idle, and requests waiting for one. */
  @Test
  void theConnectionPoolsUseIsExported() {
    given().get("/api/v1/projects").then().statusCode(200);
    String metrics = Metrics.text();
    for (String gauge :
        List.of("agroal_active_count", "agroal_available_count", "agroal_awaiting_count")) {
      assertThat(gauge, Metrics.seriesIn(metrics, gauge).keySet(), not(empty()));
    }
  }

  /** The count of one method, status and uri, 0 when there is no such series yet. */
  private static double count(String method, String status, String uri) {
    return Metrics.sum(
        Metrics.series(REQUESTS), Map.of("method", method, "status", status, "uri", uri));
  }
}
