package io.tollgate.project;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.tollgate.testing.RawHttp;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.net.URI;
import java.util.List;
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

    assertThat(series(REQUESTS).stream().filter(l -> l.contains(id)).toList(), empty());
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
    List<String> buckets =
        series("http_server_requests_seconds_bucket").stream()
            .filter(l -> l.contains("method=\"GET\""))
            .filter(l -> l.contains("status=\"200\""))
            .filter(l -> l.contains("uri=\"/api/v1/projects\""))
            .map(l -> l.replaceAll(".*le=\"([^\"]+)\".*", "$1"))
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
    List<String> names =
        given()
            .get("/q/metrics")
            .then()
            .statusCode(200)
            .extract()
            .asString()
            .lines()
            .filter(l -> l.startsWith("agroal_"))
            .map(l -> l.substring(0, l.indexOf('{') < 0 ? l.indexOf(' ') : l.indexOf('{')))
            .toList();
    for (String gauge :
        List.of("agroal_active_count", "agroal_available_count", "agroal_awaiting_count")) {
      assertThat(names, hasItem(gauge));
    }
  }

  /** The count of one method, status and uri, 0 when there is no such series yet. */
  private static double count(String method, String status, String uri) {
    return series(REQUESTS).stream()
        .filter(l -> l.contains("method=\"" + method + "\""))
        .filter(l -> l.contains("status=\"" + status + "\""))
        .filter(l -> l.contains("uri=\"" + uri + "\""))
        .mapToDouble(ServiceMetricsTest::value)
        .sum();
  }

  /** A sample's value: what follows its labels, before an exemplar ("# {trace_id=...} ..."). */
  private static double value(String sample) {
    return Double.parseDouble(sample.substring(sample.indexOf("} ") + 2).split(" ")[0]);
  }

  /** The samples of a metric on /q/metrics, one line each. */
  private static List<String> series(String metric) {
    return given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .extract()
        .asString()
        .lines()
        .filter(l -> l.startsWith(metric + "{"))
        .toList();
  }
}
