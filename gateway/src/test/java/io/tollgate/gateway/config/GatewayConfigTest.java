package io.tollgate.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The shipped application.properties read the way Quarkus reads it, environment included. */
class GatewayConfigTest {

  @Test
  void defaultsRouteEveryApiToItsService() throws Exception {
    GatewayConfig config = load(Map.of());

    assertEquals(URI.create("http://localhost:8081"), config.upstream().get("project-service"));
    assertEquals(URI.create("http://localhost:8082"), config.upstream().get("milestone-service"));
    assertEquals(URI.create("http://localhost:8083"), config.upstream().get("risk-service"));
    assertEquals(
        URI.create("http://localhost:8084"), config.upstream().get("notification-service"));
    assertEquals(Duration.ofSeconds(30), config.timeout());
    assertEquals(Duration.ofSeconds(5), config.connectTimeout());
    assertEquals(64, config.pool().maxSize());
    assertEquals(10L * 1024 * 1024, config.maxBodySize().asLongValue());
    assertTrue(config.rateLimit().enabled());
    assertEquals(50.0, config.rateLimit().requestsPerSecond());
    assertEquals(100, config.rateLimit().burst());
    assertEquals(32, config.rateLimit().maxInFlight());
    assertEquals(5, config.circuitBreaker().failureThreshold());
    assertEquals(Duration.ofSeconds(10), config.circuitBreaker().openDuration());
    assertEquals(Duration.ofMinutes(5), config.apiKeys().tokenTtl());
    assertEquals(
        "file:.tollgate/jwt/private.pem", config.apiKeys().signingKeyLocation().orElseThrow());

    RouteTable table = RouteTable.from(config);
    Map<String, String> expected =
        Map.of(
            "/api/v1/projects/1", "project-service",
            "/api/v1/portfolio", "project-service",
            "/api/v1/milestones/1", "milestone-service",
            "/api/v1/risks/1", "risk-service",
            "/api/v1/notifications", "notification-service",
            "/api/v1/subscriptions/1", "notification-service",
            "/api/v1/webhooks/1/deliveries", "notification-service");
    expected.forEach(
        (path, service) ->
            assertEquals(service, table.match(path).orElseThrow().upstream().name(), path));
    assertEquals(7, table.routes().size());
  }

  @Test
  void documentedEnvironmentVariablesOverrideTheUpstreams() throws Exception {
    GatewayConfig config =
        load(
            Map.of(
                "GATEWAY_UPSTREAM_PROJECT_SERVICE", "http://project-service:8080",
                "GATEWAY_UPSTREAM_MILESTONE_SERVICE", "http://milestone-service:8080",
                "GATEWAY_UPSTREAM_RISK_SERVICE", "http://risk-service:8080",
                "GATEWAY_UPSTREAM_NOTIFICATION_SERVICE", "https://notification-service:8443",
                "GATEWAY_TIMEOUT", "10s",
                "GATEWAY_RATE_LIMIT_BURST", "7",
                "GATEWAY_RATE_LIMIT_MAX_IN_FLIGHT", "-1",
                "GATEWAY_API_KEYS_SIGNING_KEY_LOCATION", "file:/run/secrets/gateway.pem",
                "GATEWAY_ROUTES_RISK_SERVICE", "/api/v1/risks,/api/v1/heatmaps"));

    assertEquals(
        URI.create("http://project-service:8080"), config.upstream().get("project-service"));
    assertEquals(
        URI.create("http://milestone-service:8080"), config.upstream().get("milestone-service"));
    assertEquals(URI.create("http://risk-service:8080"), config.upstream().get("risk-service"));
    assertEquals(
        URI.create("https://notification-service:8443"),
        config.upstream().get("notification-service"));
    assertEquals(Duration.ofSeconds(10), config.timeout());
    assertEquals(List.of("/api/v1/risks", "/api/v1/heatmaps"), config.routes().get("risk-service"));
    assertEquals(7, config.rateLimit().burst());
    assertEquals(-1, config.rateLimit().maxInFlight());
    assertEquals(
        "file:/run/secrets/gateway.pem", config.apiKeys().signingKeyLocation().orElseThrow());
  }

  @Test
  void everyShippedRouteHasABoundedMetricsUri() throws Exception {
    Properties properties = new Properties();
    try (InputStream in = GatewayConfigTest.class.getResourceAsStream("/application.properties")) {
      properties.load(in);
    }
    List<String> patterns =
        Arrays.stream(
                properties
                    .getProperty("quarkus.micrometer.binder.http-server.match-patterns")
                    .split(","))
            .map(String::trim)
            .toList();
    for (RouteTable.Route route : RouteTable.from(load(Map.of())).routes()) {
      String prefix = route.prefix();
      assertTrue(
          patterns.contains(prefix + "/.+=" + prefix + "/{path}"),
          "metrics match pattern for " + prefix);
    }
  }

  private static GatewayConfig load(Map<String, String> env) throws Exception {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withSources(
                new PropertiesConfigSource(
                    GatewayConfigTest.class.getResource("/application.properties"), 250))
            .withSources(new EnvConfigSource(env, 300))
            .withConverter(Duration.class, 200, new DurationConverter())
            .withConverter(MemorySize.class, 200, new MemorySizeConverter())
            .withMapping(GatewayConfig.class)
            .build();
    return config.getConfigMapping(GatewayConfig.class);
  }
}
