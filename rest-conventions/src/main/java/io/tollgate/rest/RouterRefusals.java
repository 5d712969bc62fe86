package io.tollgate.rest;

import io.tollgate.http.RequestHeads;
import io.tollgate.http.RequestTargets;
import io.vertx.core.VertxException;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers with a 400 problem the requests that Vert.x's router fails itself before the first route
 * runs, such as an HTTP/1.1 request without a {@code Host} header, and refuses first thing, as
 * problems, the request heads that Quarkus and its HTTP codec would refuse with an empty answer
 * (ADR 0019): a target that is not a URI (400), a target too long (414), header fields too large
 * (431).
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
        .handler(
            ctx -> {
              RequestHeads.Refusal refusal =
                  RequestHeads.refusal(
                      ctx.request().uri(),
                      ctx.request().headers(),
                      RequestHeads.MAX_HEADER_BYTES_AT_A_SERVICE);
              if (refusal == null) {
                ctx.next();
              } else {
                RoutingProblems.end(
                    ctx, ProblemType.forStatus(refusal.status()), refusal.detail(), null);
              }
            })
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
    // Vert.x fails a path whose percent-escapes do not decode while it matches routes, before the
    // route above runs, and would answer plain text; RequestTargets gives the reason.
    router.errorHandler(
        400,
        ctx -> {
          String invalid = RequestTargets.invalid(ctx.request().uri());
          RoutingProblems.end(
              ctx,
              ProblemType.VALIDATION,
              invalid != null ? invalid : "The request could not be processed",
              null);
        });
  }
}
