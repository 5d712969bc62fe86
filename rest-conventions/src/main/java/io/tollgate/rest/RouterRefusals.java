package io.tollgate.rest;

import io.vertx.core.VertxException;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers with a 400 problem the requests that Vert.x's router fails itself before the first route
 * runs, such as an HTTP/1.1 request without a {@code Host} header.
 *
 * <p>Such a request never reaches Quarkus REST and its exception mappers: Quarkus's last-resort
 * error handler answered it with its own JSON and logged a client's mistake as a server error with
 * an error id. The router says what it refused in the failure's message, which becomes the detail.
 */
@ApplicationScoped
public class RouterRefusals {

  void install(@Observes Router router) {
    router
        .route()
        .order(Integer.MIN_VALUE)
        .failureHandler(
            ctx -> {
              if (ctx.statusCode() == 400
                  && ctx.failure() instanceof VertxException refusal
                  && refusal.getMessage() != null) {
                RoutingProblems.end(
                    ctx, ProblemType.VALIDATION, refusal.getMessage(), ctx.request().path());
              } else {
                ctx.next();
              }
            });
  }
}
