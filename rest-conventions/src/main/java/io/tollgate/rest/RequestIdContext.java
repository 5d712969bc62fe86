package io.tollgate.rest;

import io.tollgate.http.RequestIds;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

/**
 * Carries the gateway's {@code X-Request-Id} into what the service says about a request: its log
 * records (MDC {@code requestId}, a field of every JSON log line) and its problems ({@code
 * requestId}), so that an operator finds the service's side of a request a client reports by the id
 * the gateway gave it. First on the router, before anything that may log or refuse.
 */
@ApplicationScoped
public class RequestIdContext {

  static final String MDC_KEY = "requestId";

  void install(@Observes Router router) {
    router
        .route()
        .order(-2000)
        .handler(
            ctx -> {
              String id = ctx.request().getHeader(RequestIds.HEADER);
              if (RequestIds.accepted(id)) {
                MDC.put(MDC_KEY, id);
              } else {
                MDC.remove(MDC_KEY);
              }
              ctx.next();
            });
  }

  /** The current request's id, or null when it came without one. */
  static String current() {
    Object id = MDC.get(MDC_KEY);
    return id == null ? null : id.toString();
  }
}
