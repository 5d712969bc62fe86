package io.tollgate.gateway.proxy;

import io.micrometer.core.instrument.Tags;
import io.quarkus.micrometer.runtime.HttpServerMetricsTagsContributor;
import io.quarkus.micrometer.runtime.binder.HttpBinderConfiguration;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The gateway's own decisions on the {@code uri} tag of {@code http.server.requests}, in one
 * contributor so that no other can overwrite them (Quarkus merges contributed tags in no set
 * order):
 *
 * <ul>
 *   <li>A request to the management port (ADR 0018) other than its own {@code /q/} endpoints (which
 *       Quarkus does not record) is tagged {@value #MANAGEMENT}. Quarkus records both servers in
 *       one timer and tags by path alone, so a {@code DELETE /api/v1/portfolio} sent to the
 *       management port was counted as a 404 of the public route: anyone who can reach that port
 *       could raise the public routes' error rates.
 *   <li>A route prefix keeps its own tag ({@code /api/v1/milestones}) on its 404s and redirects.
 *       Quarkus tags those NOT_FOUND (REDIRECTION) unless a match pattern changed the path, so that
 *       paths no pattern names cannot fill the tags; but a prefix's pattern maps it to itself
 *       ({@code /api/v1/milestones=/api/v1/milestones}, in {@code application.properties}), so a
 *       service's 404 there (no operation on it yet, say) was counted with every unknown path. The
 *       tag is only ever a pattern's value, as Quarkus would have set it.
 * </ul>
 *
 * Either way the tags stay bounded.
 */
@Singleton
public class RoutePrefixUriTag implements HttpServerMetricsTagsContributor {

  /** The {@code uri} of every request to the management port that is not one of its endpoints. */
  public static final String MANAGEMENT = "MANAGEMENT";

  // Quarkus matches the path without its trailing slashes
  private static final Pattern TRAILING_SLASHES = Pattern.compile("/+$");
  private static final int UNRESOLVED = -1;

  private final Map<Pattern, String> matchPatterns;
  private volatile int managementPort = UNRESOLVED;

  RoutePrefixUriTag(HttpBinderConfiguration http) {
    this.matchPatterns = http.getServerMatchPatterns();
  }

  @Override
  public Tags contribute(Context context) {
    HttpServerRequest request = context.request();
    if (onManagementPort(request) && !request.path().startsWith("/q/")) {
      return Tags.of("uri", MANAGEMENT);
    }
    int status = context.response().statusCode();
    if (status != 404 && status / 100 != 3) {
      return Tags.empty();
    }
    String path = TRAILING_SLASHES.matcher(request.path()).replaceAll("");
    // the first pattern that matches is the one Quarkus applied
    for (Map.Entry<Pattern, String> pattern : matchPatterns.entrySet()) {
      if (pattern.getKey().matcher(path).matches()) {
        return pattern.getValue().equals(path) ? Tags.of("uri", path) : Tags.empty();
      }
    }
    return Tags.empty();
  }

  private boolean onManagementPort(HttpServerRequest request) {
    SocketAddress local = request.localAddress();
    if (local == null) {
      return false;
    }
    int port = managementPort;
    if (port == UNRESOLVED) {
      // The port the interface listens on: the configured one, or the one it was given when that
      // is 0 (the tests' random port, which Quarkus publishes in its configuration once bound).
      // Asked at the first request, not at start-up, when this contributor is made before the
      // interface listens; an unknown port is asked again.
      port =
          ConfigProvider.getConfig()
              .getOptionalValue("quarkus.management.port", Integer.class)
              .filter(p -> p > 0)
              .orElse(UNRESOLVED);
      managementPort = port;
    }
    return local.port() == port;
  }
}
