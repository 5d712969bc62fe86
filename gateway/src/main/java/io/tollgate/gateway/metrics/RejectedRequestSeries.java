package io.tollgate.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.gateway.http.Problems.Kind;
import io.vertx.ext.web.Router;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Exports every series of {@code gateway_requests_rejected_total} at 0 from the start. A counter
 * made by its first increment has no sample before it, so Prometheus's {@code increase()} and
 * {@code rate()} take that first refusal as the series' start, not as a change: the first 429 of a
 * gateway's life was never seen by an alert on 429s.
 */
@ApplicationScoped
public class RejectedRequestSeries {

  private static final String NAME = "gateway.requests.rejected";

  /**
   * Every status the gateway counts there: the refusals of its router (path and size checks,
   * authentication, the rate limit and requests in flight, routing, the access policy, an API key
   * that cannot be checked) and the 408 of a body that did not arrive in time.
   */
  static final List<Kind> COUNTED =
      List.of(
          Kind.BAD_REQUEST,
          Kind.UNAUTHORIZED,
          Kind.FORBIDDEN,
          Kind.NOT_FOUND,
          Kind.REQUEST_TIMEOUT,
          Kind.PAYLOAD_TOO_LARGE,
          Kind.URI_TOO_LONG,
          Kind.TOO_MANY_REQUESTS,
          Kind.HEADER_FIELDS_TOO_LARGE,
          Kind.UNAVAILABLE);

  /**
   * Before the gateway's routes are installed (on the same event, earlier), so before any request
   * can be refused, and before the counters its routes make: the first registration gives the
   * metric its description.
   */
  void register(@Observes @Priority(1) Router router, MeterRegistry registry) {
    for (Kind kind : COUNTED) {
      Counter.builder(NAME)
          .description(
              "Requests the gateway refused itself in front of the services, by the status it"
                  + " answered")
          .tag("status", Integer.toString(kind.status))
          .register(registry);
    }
  }
}
