package io.tollgate.eventing;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness's Kafka check, in place of the Kafka client extension's own, which this module's {@code
 * microprofile-config.properties} turns off: that one waits for its admin client's default API
 * timeout, 60 s, while the broker is down or hung (it accepts connections and does not answer), so
 * a readiness probe (3 s in deploy/) times out instead of reading DOWN and why. This one gives the
 * cluster {@link #TIMEOUT} to answer, and is there wherever a service turns the extension's check
 * on ({@code quarkus.kafka.health.enabled=true}).
 *
 * <p>It asks with the service's {@code kafka.*} settings (the extension's {@code
 * default-kafka-broker} map: bootstrap servers, security), so it reaches the broker the way the
 * relay and the consumers do.
 */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "quarkus.kafka.health.enabled", stringValue = "true")
public class KafkaReadiness implements HealthCheck {

  /** The extension's name for the check, which dashboards and alerts may already know. */
  public static final String NAME = "Kafka connection health check";

  /**
   * How long the cluster has to describe itself: well inside a probe's timeout (3 s in deploy/),
   * with the database's check in the same answer, and ample for a broker that is up.
   */
  public static final Duration TIMEOUT = Duration.ofSeconds(2);

  private static final String NO_ANSWER =
      "Kafka did not answer within " + TIMEOUT.toSeconds() + " s";

  /** Quarkus's name of a TLS configuration for the Kafka clients, not one of Kafka's own. */
  private static final String TLS_CONFIGURATION = "tls-configuration-name";

  private final Map<String, Object> settings;
  private Admin admin;

  KafkaReadiness(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
    this.settings = adminSettings(kafka);
  }

  /** The service's settings an admin client knows, with requests bounded by the check's timeout. */
  static Map<String, Object> adminSettings(Map<String, ?> kafka) {
    Set<String> known = AdminClientConfig.configNames();
    Map<String, Object> admin = new HashMap<>();
    kafka.forEach(
        (name, value) -> {
          if (known.contains(name) || TLS_CONFIGURATION.equals(name)) {
            admin.put(name, value);
          }
        });
    // a request the broker never answers holds its connection no longer than a check waits
    admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    return admin;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
    int millis = (int) TIMEOUT.toMillis();
    try {
      String nodes =
          admin()
              .describeCluster(new DescribeClusterOptions().timeoutMs(millis))
              .nodes()
              // the admin client ends the call at its timeout; this only guards against one that
              // does not
              .get(millis + 1000L, TimeUnit.MILLISECONDS)
              .stream()
              .map(node -> node.host() + ":" + node.port())
              .collect(Collectors.joining(","));
      return response.up().withData("nodes", nodes).build();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      String message = cause.getMessage() != null ? cause.getMessage() : cause.toString();
      return down(
          response,
          cause instanceof org.apache.kafka.common.errors.TimeoutException
              ? NO_ANSWER + " (" + message + ")"
              : message);
    } catch (TimeoutException e) {
      return down(response, NO_ANSWER);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return down(response, "interrupted");
    } catch (RuntimeException e) {
      // settings the admin client refuses, such as a bootstrap address that is not host:port
      return down(response, e.toString());
    }
  }

  private static HealthCheckResponse down(HealthCheckResponseBuilder response, String reason) {
    return response.down().withData("reason", reason).build();
  }

  /** One admin client for every check, made at the first. */
  private synchronized Admin admin() {
    if (admin == null) {
      admin = Admin.create(settings);
    }
    return admin;
  }

  @PreDestroy
  synchronized void close() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(1));
      admin = null;
    }
  }
}
