package io.tollgate.gateway.security;

import io.quarkus.vertx.http.runtime.cors.CORSFilter;
import io.tollgate.gateway.http.ProblemException;
import io.tollgate.gateway.http.Problems.Kind;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The cross-origin requests that Quarkus's CORS filter ({@code quarkus.http.cors.*}) refuses,
 * refused first as a problem: the filter answers a bare 403 ("CORS Rejected - Invalid origin"),
 * without a body, a request id or the security headers. This decides as the filter does, from the
 * same settings (an {@code Origin} that is not listed, matched by a {@code /regex/} or the
 * gateway's own origin; a method that is not listed, from a listed origin, except in a preflight),
 * and runs before it, so that the filter only sees the requests it lets through. Nothing refused
 * here reaches a service.
 */
@ApplicationScoped
public class CorsRefusals {

  private static final Logger LOG = Logger.getLogger(CorsRefusals.class);

  private final boolean enabled;
  private final Optional<List<String>> origins;
  private final boolean anyOrigin;
  private final List<Pattern> originPatterns;
  private final boolean anyMethod;
  private final Set<String> methods;

  CorsRefusals(
      @ConfigProperty(name = "quarkus.http.cors.enabled", defaultValue = "false") boolean enabled,
      @ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> origins,
      @ConfigProperty(name = "quarkus.http.cors.methods") Optional<List<String>> methods) {
    this.enabled = enabled;
    this.origins = origins;
    this.anyOrigin =
        origins.isPresent()
            && origins.get().size() == 1
            && Set.of("*", "/.*/").contains(origins.get().get(0));
    this.originPatterns = anyOrigin ? List.of() : CORSFilter.parseAllowedOriginsRegex(origins);
    this.anyMethod = CORSFilter.isConfiguredWithWildcard(methods);
    this.methods =
        methods.orElse(List.of()).stream()
            .map(m -> m.trim().toUpperCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
  }

  /** The 403 the request is answered with, or null when CORS lets it through (or is off). */
  public ProblemException refusal(HttpServerRequest request) {
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (!enabled || origin == null) {
      return null;
    }
    boolean listed =
        !anyOrigin
            && origins.isPresent()
            && (origins.get().contains(origin)
                || CORSFilter.isOriginAllowedByRegex(originPatterns, origin));
    if (!anyOrigin && !listed && !sameOrigin(request, origin)) {
      LOG.debugf("Refused a request from origin %s", origin);
      return new ProblemException(
          Kind.FORBIDDEN,
          (origin.isBlank() ? "An empty Origin" : "Origin " + origin)
              + " may not call this API from a browser: it is not one of the origins allowed"
              + " (quarkus.http.cors.origins)");
    }
    if ((anyOrigin || listed) && !preflight(request) && !methodAllowed(request.method())) {
      return new ProblemException(
          Kind.FORBIDDEN,
          "Method "
              + request.method().name()
              + " may not be called from a browser of another origin (quarkus.http.cors.methods)");
    }
    return null;
  }

  private static boolean preflight(HttpServerRequest request) {
    return request.method() == HttpMethod.OPTIONS
        && (request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null
            || request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS) != null);
  }

  private boolean methodAllowed(HttpMethod method) {
    return anyMethod || methods.contains(method.name());
  }

  /**
   * Whether the origin is the gateway's own, as the client reached it: scheme, host and port (a
   * default port written or not), and no path.
   */
  static boolean sameOrigin(HttpServerRequest request, String origin) {
    HostAndPort authority = request.authority();
    if (authority == null || request.scheme() == null) {
      return false;
    }
    URI url;
    try {
      url = new URI(origin);
    } catch (URISyntaxException e) {
      return false;
    }
    String scheme = request.scheme().toLowerCase(Locale.ROOT);
    if (!scheme.equalsIgnoreCase(url.getScheme())
        || url.getHost() == null
        || (url.getRawPath() != null && !url.getRawPath().isEmpty())
        || !authority.host().equalsIgnoreCase(url.getHost())) {
      return false;
    }
    int defaultPort = "https".equals(scheme) ? 443 : 80;
    int ours = authority.port() > 0 ? authority.port() : defaultPort;
    int theirs = url.getPort() > 0 ? url.getPort() : defaultPort;
    return ours == theirs;
  }
}
