package io.tollgate.gateway.health;

import io.tollgate.gateway.proxy.GatewayRouter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the route table is installed. Upstream availability is deliberately not part of it: a
 * down service is answered with 502 per request, and pulling the gateway out of rotation would take
 * every other service's routes down with it.
 */
@Readiness
@ApplicationScoped
public class GatewayReadinessCheck implements HealthCheck {

  private final GatewayRouter router;

  GatewayReadinessCheck(GatewayRouter router) {
    this.router = router;
  }

  @Override
  public HealthCheckResponse call() {
    return router
        .routeTable()
        .map(
            table ->
                HealthCheckResponse.named("gateway-routes")
                    .up()
                    .withData("routes", table.routes().size())
                    .withData("upstreams", table.routedUpstreams().size())
                    .build())
        .orElseGet(() -> HealthCheckResponse.named("gateway-routes").down().build());
  }
}
