package io.tollgate.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ConnectTimeoutException;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.tollgate.gateway.config.GatewayConfig;
import io.tollgate.gateway.http.RequestIds;
import io.vertx.core.impl.NoStackTraceTimeoutException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProxySupportTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/v1/projects/../risks",
        "/api/v1/projects/./1",
        "/api/v1/projects/%2e%2e/risks",
        "/api/v1/projects/%2E./risks",
        "/api/v1/projects/.."
      })
  void dotSegmentsAreDetected(String path) {
    assertTrue(Paths.hasDotSegment(path));
  }

  /** Vert.x keeps idle connections for whole seconds, and reads 0 as "forever". */
  @Test
  void theKeepAliveTimeoutIsWholeSecondsRoundedUpAndAtLeastOne() {
    assertEquals(60, GatewayRouter.keepAliveSeconds(Duration.ofSeconds(60)));
    assertEquals(1, GatewayRouter.keepAliveSeconds(Duration.ofSeconds(1)));
    assertEquals(2, GatewayRouter.keepAliveSeconds(Duration.ofMillis(1500)));
    assertEquals(61, GatewayRouter.keepAliveSeconds(Duration.ofMillis(60_001)));
    for (Duration tooShort :
        new Duration[] {Duration.ofMillis(500), Duration.ofMillis(999), Duration.ZERO}) {
      IllegalArgumentException refused =
          assertThrows(
              IllegalArgumentException.class, () -> GatewayRouter.keepAliveSeconds(tooShort));
      assertTrue(
          refused.getMessage().startsWith("gateway.pool.keep-alive-timeout must be at least 1s"),
          refused.getMessage());
    }
  }

  /**
   * The router is made at start (it installs the routes), from the configuration as Quarkus reads
   * it: a cap on requests in flight that would let nothing through, or means nothing, fails it.
   */
  @ParameterizedTest
  @ValueSource(strings = {"0", "-2"})
  void aMaxInFlightThatIsNoCapFailsTheStart(String value) throws Exception {
    GatewayConfig config =
        new SmallRyeConfigBuilder()
            .withSources(
                new PropertiesConfigSource(
                    ProxySupportTest.class.getResource("/application.properties"), 250))
            .withSources(
                new EnvConfigSource(Map.of("GATEWAY_RATE_LIMIT_MAX_IN_FLIGHT", value), 300))
            .withConverter(Duration.class, 200, new DurationConverter())
            .withConverter(MemorySize.class, 200, new MemorySizeConverter())
            .withMapping(GatewayConfig.class)
            .build()
            .getConfigMapping(GatewayConfig.class);
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> new GatewayRouter(config, null, null, null, null, null, null));
    assertEquals(
        "gateway.rate-limit.max-in-flight must be at least 1, or -1 for no cap, but is " + value,
        refused.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v1/projects/1", "/api/v1/projects/v1.2", "/api/v1/...", "/a/.x"})
  void ordinaryPathsPass(String path) {
    assertFalse(Paths.hasDotSegment(path));
  }

  @Test
  void saneRequestIdsAreKeptOthersReplaced() {
    assertEquals("abc-123", RequestIds.resolve("abc-123"));
    String uuid = UUID.randomUUID().toString();
    assertEquals(uuid, RequestIds.resolve(uuid));
    for (String bad : new String[] {null, "", "x".repeat(129), "a b", "a\r\nb", "ä"}) {
      String resolved = RequestIds.resolve(bad);
      assertNotEquals(bad, resolved);
      UUID generated = UUID.fromString(resolved);
      assertEquals(resolved, generated.toString());
      assertEquals(4, generated.version());
      assertEquals(2, generated.variant());
    }
  }

  @Test
  void timeoutsAreToldApartFromRefusals() {
    assertTrue(UpstreamFailures.isTimeout(new NoStackTraceTimeoutException("idle")));
    assertTrue(UpstreamFailures.isTimeout(new ConnectTimeoutException("connect")));
    assertTrue(
        UpstreamFailures.isTimeout(
            new RuntimeException(new NoStackTraceTimeoutException("wrapped"))));
    assertFalse(UpstreamFailures.isTimeout(new ConnectException("refused")));
  }
}
