package io.tollgate.gateway.config;

import java.net.URI;
import java.util.Locale;

/**
 * One upstream service as the gateway connects to it.
 *
 * @param name the service name, used in problem details and metrics
 * @param baseUrl the configured base URL, e.g. {@code http://project-service:8080}
 */
public record Upstream(String name, URI baseUrl) {

  public Upstream {
    String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw invalid(name, baseUrl, "scheme must be http or https");
    }
    if (baseUrl.getHost() == null) {
      throw invalid(name, baseUrl, "a host is required");
    }
    // Services serve the same /api/v1 paths as the gateway, so a base path would only misroute.
    String path = baseUrl.getRawPath();
    if (path != null && !path.isEmpty() && !path.equals("/")) {
      throw invalid(name, baseUrl, "a path is not supported, give scheme://host:port only");
    }
    if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
      throw invalid(name, baseUrl, "a query or fragment is not supported");
    }
  }

  public boolean ssl() {
    return baseUrl.getScheme().equalsIgnoreCase("https");
  }

  public String host() {
    return baseUrl.getHost();
  }

  /** The port, defaulted from the scheme when the URL has none. */
  public int port() {
    return effectivePort(baseUrl.getScheme(), baseUrl.getPort());
  }

  /** Whether an absolute URL points at this upstream (same scheme, host and effective port). */
  public boolean isOrigin(URI url) {
    return url.isAbsolute()
        && url.getHost() != null
        && url.getScheme().equalsIgnoreCase(baseUrl.getScheme())
        && url.getHost().equalsIgnoreCase(host())
        && effectivePort(url.getScheme(), url.getPort()) == port();
  }

  static int effectivePort(String scheme, int port) {
    if (port > 0) {
      return port;
    }
    return "https".equalsIgnoreCase(scheme) ? 443 : 80;
  }

  private static IllegalArgumentException invalid(String name, URI url, String reason) {
    return new IllegalArgumentException(
        "gateway.upstream." + name + "=" + url + " is not a valid upstream: " + reason);
  }
}
