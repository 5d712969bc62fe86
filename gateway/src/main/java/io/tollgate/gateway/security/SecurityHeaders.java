package io.tollgate.gateway.security;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The response headers every {@code /api} answer carries, unless the service set its own: an API
 * response is data, never a page to render, frame, leak a referrer from, or keep in a cache. The
 * API documents and Swagger UI get them too, less the cache policy.
 */
public final class SecurityHeaders {

  static final String HSTS = "max-age=31536000; includeSubDomains";

  private SecurityHeaders() {}

  public static void apply(HttpServerRequest request, MultiMap headers) {
    applyToDocument(request, headers);
    setIfAbsent(headers, HttpHeaders.CACHE_CONTROL.toString(), "no-store");
  }

  /**
   * The same headers, set when the answer is sent, for the API documents and Swagger UI (ADR 0015),
   * without a cache policy of their own. Swagger UI takes a bearer token: a page that does must not
   * be framed by another site (clickjacking) nor have its answers sniffed into something else.
   */
  public static void addToDocument(RoutingContext rc) {
    rc.addHeadersEndHandler(v -> applyToDocument(rc.request(), rc.response().headers()));
  }

  private static void applyToDocument(HttpServerRequest request, MultiMap headers) {
    setIfAbsent(headers, "X-Content-Type-Options", "nosniff");
    setIfAbsent(headers, "X-Frame-Options", "DENY");
    setIfAbsent(headers, "Referrer-Policy", "no-referrer");
    if (overTls(request)) {
      setIfAbsent(headers, "Strict-Transport-Security", HSTS);
    }
  }

  /**
   * Whether the client reached us over TLS, directly or through a TLS-terminating balancer that
   * Quarkus trusts ({@code quarkus.http.proxy.*}), whose {@code X-Forwarded-Proto} it resolved.
   */
  static boolean overTls(HttpServerRequest request) {
    return request.isSSL() || "https".equalsIgnoreCase(request.scheme());
  }

  private static void setIfAbsent(MultiMap headers, String name, String value) {
    if (!headers.contains(name)) {
      headers.set(name, value);
    }
  }
}
