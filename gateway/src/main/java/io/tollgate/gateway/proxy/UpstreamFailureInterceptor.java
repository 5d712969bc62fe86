package io.tollgate.gateway.proxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.gateway.config.Upstream;
import io.tollgate.gateway.http.Problems;
import io.tollgate.gateway.http.Problems.Kind;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Turns an upstream that cannot be reached or does not answer in time into a 502 or 504 problem,
 * instead of the empty 502 the proxy library sends by itself, and keeps the upstream's circuit
 * breaker: while it is open, requests are answered with a 503 problem without being sent.
 *
 * <p>It must be the first interceptor, so it sees every failure of the ones after it.
 */
final class UpstreamFailureInterceptor implements ProxyInterceptor {

  private static final Logger LOG = Logger.getLogger(UpstreamFailureInterceptor.class);

  private final Upstream upstream;
  private final Duration timeout;
  private final CircuitBreaker breaker;
  private final Counter badGateway;
  private final Counter gatewayTimeout;
  private final Counter circuitOpen;

  UpstreamFailureInterceptor(
      Upstream upstream, Duration timeout, CircuitBreaker breaker, MeterRegistry registry) {
    this.upstream = upstream;
    this.timeout = timeout;
    this.breaker = breaker;
    this.badGateway = counter(registry, upstream, Kind.BAD_GATEWAY);
    this.gatewayTimeout = counter(registry, upstream, Kind.GATEWAY_TIMEOUT);
    this.circuitOpen = counter(registry, upstream, Kind.UNAVAILABLE);
    Gauge.builder("gateway.circuit.state", breaker, b -> b.state().gauge)
        .description("Circuit breaker per upstream: 0 closed, 1 open, 2 half-open")
        .tag("service", upstream.name())
        .register(registry);
  }

  @Override
  public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
    long permit = breaker.tryAcquire();
    if (permit == CircuitBreaker.REFUSED) {
      return Future.succeededFuture(circuitOpen(context));
    }
    Future<ProxyResponse> sent;
    try {
      sent = context.sendRequest();
    } catch (RuntimeException e) {
      sent = Future.failedFuture(e);
    }
    return sent.andThen(
            result -> {
              if (result.succeeded() && !isUnavailable(result.result().getStatusCode())) {
                breaker.onSuccess(permit);
              } else if (clientGone(context)) {
                // the client hung up and the exchange was cut short: says nothing about the service
                breaker.onAbandoned(permit);
              } else {
                breaker.onFailure(permit);
              }
            })
        .recover(
            failure -> {
              if (clientGone(context)) {
                LOG.debugf(
                    "%s %s -> %s abandoned: the client closed the connection",
                    context.request().proxiedRequest().method(),
                    context.request().proxiedRequest().path(),
                    upstream.name());
                // nobody will read it, but the library still expects an answer
                return Future.succeededFuture(answer(context, Kind.BAD_GATEWAY, "client gone"));
              }
              return Future.succeededFuture(problem(context, failure));
            });
  }

  private static boolean clientGone(ProxyContext context) {
    return context.request().proxiedRequest().response().closed();
  }

  /** Statuses by which a service says it cannot serve at all, as opposed to refusing a request. */
  private static boolean isUnavailable(int status) {
    return status == 502 || status == 503 || status == 504;
  }

  private ProxyResponse circuitOpen(ProxyContext context) {
    circuitOpen.increment();
    HttpServerRequest incoming = context.request().proxiedRequest();
    long retryAfter = breaker.retryAfterSeconds();
    return context
        .request()
        .release()
        .response()
        .setStatusCode(Kind.UNAVAILABLE.status)
        .putHeader(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter))
        .setBody(
            Body.body(
                Problems.body(
                    Kind.UNAVAILABLE,
                    upstream.name()
                        + " failed repeatedly; requests are refused for "
                        + retryAfter
                        + " s before it is tried again",
                    incoming.path(),
                    incoming.getHeader(Problems.REQUEST_ID))));
  }

  private ProxyResponse problem(ProxyContext context, Throwable failure) {
    HttpServerRequest incoming = context.request().proxiedRequest();
    String requestId = incoming.getHeader(Problems.REQUEST_ID);
    Kind kind;
    if (UpstreamFailures.isTimeout(failure)) {
      kind = Kind.GATEWAY_TIMEOUT;
      gatewayTimeout.increment();
    } else {
      kind = Kind.BAD_GATEWAY;
      badGateway.increment();
    }
    LOG.warnf(
        "%s %s -> %s failed with %d (request %s, timeout %s): %s",
        incoming.method(),
        incoming.path(),
        upstream.name(),
        kind.status,
        requestId,
        timeout,
        failure.toString());
    return answer(context, kind, UpstreamFailures.detail(upstream.name(), failure));
  }

  /** A problem answer from scratch: what is left of the client's body and upstream headers goes. */
  private static ProxyResponse answer(ProxyContext context, Kind kind, String detail) {
    HttpServerRequest incoming = context.request().proxiedRequest();
    return context
        .request()
        .release()
        .response()
        .setStatusCode(kind.status)
        .putHeader(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .setBody(
            Body.body(
                Problems.body(
                    kind, detail, incoming.path(), incoming.getHeader(Problems.REQUEST_ID))));
  }

  private static Counter counter(MeterRegistry registry, Upstream upstream, Kind kind) {
    return Counter.builder("gateway.upstream.failures")
        .description("Requests the gateway answered itself because an upstream failed")
        .tag("service", upstream.name())
        .tag("status", Integer.toString(kind.status))
        .register(registry);
  }
}
