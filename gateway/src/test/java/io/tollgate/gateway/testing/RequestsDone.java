package io.tollgate.gateway.testing;

import io.quarkus.vertx.http.runtime.filters.QuarkusRequestWrapper;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test code only: which watched requests Quarkus counts as done. Quarkus's graceful shutdown waits
 * for every request it counts in flight, and counts one out when its request is done (its response
 * ended, closed or failed); a request never done makes a stopping gateway wait out the whole {@code
 * quarkus.shutdown.timeout}. A request is watched when it carries {@link #HEADER}, whose value
 * names it here.
 */
@ApplicationScoped
public class RequestsDone {

  public static final String HEADER = "X-Test-Watch-Done";

  private static final Set<String> DONE = ConcurrentHashMap.newKeySet();

  void install(@Observes Router router) {
    router
        .route("/api/*")
        .order(Integer.MIN_VALUE + 1)
        .handler(
            rc -> {
              String name = rc.request().getHeader(HEADER);
              if (name != null) {
                QuarkusRequestWrapper.get(rc.request()).addRequestDoneHandler(v -> DONE.add(name));
              }
              rc.next();
            });
  }

  /** Whether Quarkus counted the request named {@code name} as done. */
  public static boolean done(String name) {
    return DONE.contains(name);
  }
}
