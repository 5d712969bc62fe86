package io.tollgate.gateway.testing;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Test code only: Quarkus's HTTP router, with the gateway's routes on it, for a test that serves it
 * on a server of its own, without the checks Quarkus makes before the router.
 */
@ApplicationScoped
public class ApplicationRouter {

  private volatile Router router;

  void capture(@Observes Router router) {
    this.router = router;
  }

  public Router router() {
    return router;
  }
}
