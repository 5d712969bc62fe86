package io.tollgate.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouteTableTest {

  @Test
  void longestPrefixWins() {
    RouteTable table =
        RouteTable.from(
            config(
                Map.of("a", URI.create("http://a:1"), "b", URI.create("http://b:2")),
                Map.of("a", List.of("/api/v1/projects"), "b", List.of("/api/v1/projects/export"))));

    assertEquals("b", table.match("/api/v1/projects/export/7").orElseThrow().upstream().name());
    assertEquals("b", table.match("/api/v1/projects/export").orElseThrow().upstream().name());
    assertEquals("a", table.match("/api/v1/projects/exports").orElseThrow().upstream().name());
    assertEquals("a", table.match("/api/v1/projects").orElseThrow().upstream().name());
  }

  @Test
  void prefixOwnsWholeSegmentsOnly() {
    RouteTable table =
        RouteTable.from(
            config(Map.of("a", URI.create("http://a:1")), Map.of("a", List.of("/api/v1/risks"))));
    assertTrue(table.match("/api/v1/risks/1").isPresent());
    assertTrue(table.match("/api/v1/risksx").isEmpty());
    assertTrue(table.match("/api/v1").isEmpty());
  }

  @Test
  void routeWithoutUpstreamFailsNamingTheProperty() {
    var error =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                RouteTable.from(
                    config(
                        Map.of("a", URI.create("http://a:1")),
                        Map.of("risk-service", List.of("/api/v1/risks")))));
    assertTrue(error.getMessage().contains("gateway.upstream.risk-service"), error.getMessage());
  }

  @Test
  void samePrefixForTwoServicesFails() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            RouteTable.from(
                config(
                    Map.of("a", URI.create("http://a:1"), "b", URI.create("http://b:1")),
                    Map.of("a", List.of("/api/v1/x"), "b", List.of("/api/v1/x")))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v1/x/", "api/v1/x", "/api/v1/:id", "/api/*", "/", "/api//x"})
  void nonLiteralPrefixFails(String prefix) {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            RouteTable.from(
                config(Map.of("a", URI.create("http://a:1")), Map.of("a", List.of(prefix)))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://a:1", "http://a:1/base", "http:///x", "http://a:1?x=1"})
  void unusableUpstreamUrlFails(String url) {
    var error =
        assertThrows(
            IllegalArgumentException.class,
            () -> RouteTable.from(config(Map.of("a", URI.create(url)), Map.of())));
    assertTrue(error.getMessage().contains("gateway.upstream.a"), error.getMessage());
  }

  @Test
  void upstreamRecognisesItsOwnAbsoluteUrls() {
    Upstream upstream = new Upstream("a", URI.create("http://svc:80"));
    assertTrue(upstream.isOrigin(URI.create("http://SVC/api/v1/x")));
    assertTrue(upstream.isOrigin(URI.create("http://svc:80/api/v1/x")));
    assertTrue(!upstream.isOrigin(URI.create("https://svc/api/v1/x")));
    assertTrue(!upstream.isOrigin(URI.create("http://svc:8080/api/v1/x")));
    assertTrue(!upstream.isOrigin(URI.create("/api/v1/x")));
  }

  static GatewayConfig config(Map<String, URI> upstream, Map<String, List<String>> routes) {
    return new GatewayConfig() {
      @Override
      public Map<String, URI> upstream() {
        return upstream;
      }

      @Override
      public Map<String, List<String>> routes() {
        return routes;
      }

      @Override
      public Duration timeout() {
        return Duration.ofSeconds(30);
      }

      @Override
      public Duration connectTimeout() {
        return Duration.ofSeconds(5);
      }

      @Override
      public Pool pool() {
        return null;
      }

      // not used by the route table
      @Override
      public io.quarkus.runtime.configuration.MemorySize maxBodySize() {
        return null;
      }

      @Override
      public RateLimit rateLimit() {
        return null;
      }

      @Override
      public CircuitBreaker circuitBreaker() {
        return null;
      }

      @Override
      public ApiKeys apiKeys() {
        return null;
      }
    };
  }
}
