package io.tollgate.gateway.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The validated route table: which upstream owns which path prefix.
 *
 * <p>Built once at start-up from {@link GatewayConfig}; a misconfiguration fails the start with a
 * message naming the offending property instead of surfacing later as a misrouted request.
 */
public final class RouteTable {

  /** A literal path without a trailing slash; no Vert.x path parameters or wildcards. */
  private static final Pattern PREFIX = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

  /**
   * One entry of the table.
   *
   * @param prefix a path prefix such as {@code /api/v1/projects}; it owns the path itself and
   *     everything below it, not paths that merely start with the same characters
   * @param upstream the service that serves it
   */
  public record Route(String prefix, Upstream upstream) {

    /** Whether this route owns a (normalized) request path. */
    public boolean matches(String path) {
      return path.startsWith(prefix)
          && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }
  }

  private final List<Route> routes;
  private final Map<String, Upstream> upstreams;

  private RouteTable(List<Route> routes, Map<String, Upstream> upstreams) {
    this.routes = List.copyOf(routes);
    this.upstreams = Map.copyOf(upstreams);
  }

  public static RouteTable from(GatewayConfig config) {
    Map<String, Upstream> upstreams = new HashMap<>();
    config.upstream().forEach((name, url) -> upstreams.put(name, new Upstream(name, url)));

    Map<String, Route> byPrefix = new HashMap<>();
    config
        .routes()
        .forEach(
            (service, prefixes) -> {
              Upstream upstream = upstreams.get(service);
              if (upstream == null) {
                throw new IllegalArgumentException(
                    "gateway.routes."
                        + service
                        + " has no upstream: set gateway.upstream."
                        + service);
              }
              for (String prefix : prefixes) {
                if (!PREFIX.matcher(prefix).matches()) {
                  throw new IllegalArgumentException(
                      "gateway.routes."
                          + service
                          + ": '"
                          + prefix
                          + "' is not a literal path prefix like /api/v1/projects");
                }
                Route previous = byPrefix.put(prefix, new Route(prefix, upstream));
                if (previous != null) {
                  throw new IllegalArgumentException(
                      "prefix "
                          + prefix
                          + " is routed to both "
                          + previous.upstream().name()
                          + " and "
                          + service);
                }
              }
            });
    List<Route> routes = new ArrayList<>(byPrefix.values());
    // Longest prefix first, so a more specific route wins over an enclosing one.
    routes.sort(
        Comparator.comparingInt((Route r) -> r.prefix().length())
            .reversed()
            .thenComparing(Route::prefix));
    return new RouteTable(routes, upstreams);
  }

  /** The routes, most specific first. */
  public List<Route> routes() {
    return routes;
  }

  /** The upstreams that at least one route points at, by name. */
  public Map<String, Upstream> routedUpstreams() {
    Map<String, Upstream> routed = new HashMap<>();
    routes.forEach(r -> routed.put(r.upstream().name(), r.upstream()));
    return routed;
  }

  /** All configured upstreams by name, routed or not. */
  public Map<String, Upstream> upstreams() {
    return upstreams;
  }

  /** The route owning a normalized request path, if any. */
  public Optional<Route> match(String path) {
    for (Route route : routes) {
      if (route.matches(path)) {
        return Optional.of(route);
      }
    }
    return Optional.empty();
  }
}
