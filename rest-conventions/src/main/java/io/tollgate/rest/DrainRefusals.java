package io.tollgate.rest;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Once a stopping service drains (ADR 0016), refuses each new request with a 503 {@code
 * unavailable} problem, {@code Retry-After: 1} and {@code Connection: close}, without running it;
 * the requests already running finish as before.
 *
 * <p>Quarkus 3.33 keeps running new requests while it waits for those in flight, so under steady
 * traffic (a gateway or a pool that still routes here) the wait never emptied: it ran its whole
 * {@code quarkus.shutdown.timeout} and then cut off requests whose writes had already committed,
 * and their clients could not tell. Refused at once, nothing is done and the caller knows to send
 * it again, elsewhere. The refusals start where readiness turns DOWN ({@code
 * quarkus.shutdown.delay-enabled}, which fires the event observed here), after {@code
 * quarkus.shutdown.delay} if one is set, since that delay is there to keep serving normally while
 * load balancers notice. Quarkus's own endpoints under {@code /q/} are still answered, so that
 * probes see the DOWN readiness.
 */
@ApplicationScoped
public class DrainRefusals {

  private final long delayNanos;
  private volatile boolean stopping;
  private volatile long refusingFrom;

  DrainRefusals(@ConfigProperty(name = "quarkus.shutdown.delay") Optional<Duration> delay) {
    this.delayNanos = delay.orElse(Duration.ZERO).toNanos();
  }

  void stopping(@Observes ShutdownDelayInitiatedEvent event) {
    refusingFrom = System.nanoTime() + delayNanos;
    stopping = true;
  }

  void install(@Observes Router router) {
    router
        .route()
        .order(Integer.MIN_VALUE)
        .handler(
            ctx -> {
              if (!stopping
                  || System.nanoTime() - refusingFrom < 0
                  || ctx.request().path().startsWith("/q/")) {
                ctx.next();
                return;
              }
              HttpServerRequest request = ctx.request();
              if (request.isEnded()) {
                refuse(ctx);
              } else {
                // the body is read to its end first (the router holds it unread): a connection
                // closed with a body still unread is reset, and the caller may lose the answer
                request.handler(chunk -> {}).endHandler(end -> refuse(ctx)).resume();
              }
            });
  }

  private static void refuse(RoutingContext ctx) {
    if (ctx.request().version() != HttpVersion.HTTP_2) {
      // so that the caller's pool drops this connection instead of sending the next request down
      // it (HTTP/2 forbids the header; Quarkus sends a GOAWAY there)
      ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
    }
    ctx.response().putHeader("Retry-After", "1");
    RoutingProblems.end(
        ctx,
        ProblemType.UNAVAILABLE,
        "This instance is stopping and did not run the request; send it again",
        ctx.request().path());
  }
}
