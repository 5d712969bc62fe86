package io.tollgate.gateway.health;

import io.quarkus.vertx.http.ManagementInterface;
import io.tollgate.gateway.http.ProblemException;
import io.tollgate.gateway.http.Problems;
import io.tollgate.gateway.http.Problems.Kind;
import io.vertx.core.VertxException;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The management interface (health and metrics, ADR 0018) is a router of its own, so the public
 * router's handling of what a client gets wrong does not reach it. A request it refuses before any
 * route (an HTTP/1.1 request without {@code Host}) would otherwise be logged by Quarkus as an error
 * of the gateway's, with an error id, and a path it does not serve would be answered with an HTML
 * page; both are problems here, as on the public port, and so is a target that is not a URI (ADR
 * 0019).
 */
@ApplicationScoped
public class ManagementRefusals {

  void install(@Observes ManagementInterface management) {
    Router router = management.router();
    router
        .route()
        .order(Integer.MIN_VALUE)
        .handler(
            rc -> {
              ProblemException refused = Problems.refusedHead(rc.request());
              if (refused == null) {
                rc.next();
              } else {
                Problems.respond(rc, refused.kind(), refused.getMessage());
              }
            })
        .failureHandler(
            rc -> {
              if (rc.statusCode() == 400
                  && rc.failure() instanceof VertxException refusal
                  && refusal.getMessage() != null) {
                Problems.respond(rc, Kind.BAD_REQUEST, refusal.getMessage());
              } else {
                rc.next();
              }
            });
    router.errorHandler(
        404, rc -> Problems.respond(rc, Kind.NOT_FOUND, "no resource at " + rc.request().path()));
  }
}
