package io.tollgate.gateway.testing;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Test code only: a route whose failure handler fails too, so that the failure is left to the
 * router, for the test that the gateway answers it as a problem that keeps its internals to itself.
 */
@ApplicationScoped
public class FailingRoute {

  public static final String PATH = "/test-only/failing-route";

  /** What the failures say; it must not reach the client. */
  public static final String INTERNALS = "internal state the client must not see";

  void install(@Observes Router router) {
    router
        .route(PATH)
        .handler(rc -> rc.fail(new IllegalStateException(INTERNALS)))
        .failureHandler(
            rc -> {
              throw new IllegalStateException(INTERNALS + " (in the failure handler)");
            });
  }
}
