package io.tollgate.gateway.testing;

import java.util.Set;

/** The headers the gateway puts on its answers, which its merged OpenAPI document must name. */
public final class GatewayHeaders {

  public static final Set<String> ADDED =
      Set.of(
          "X-Request-Id",
          "RateLimit-Limit",
          "RateLimit-Remaining",
          "RateLimit-Reset",
          "Retry-After");

  private GatewayHeaders() {}
}
