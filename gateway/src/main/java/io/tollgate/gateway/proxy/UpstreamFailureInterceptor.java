package io.tollgate.gateway.proxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.gateway.config.Upstream;
import io.tollgate.gateway.http.Problems;
import io.tollgate.gateway.http.Problems.Kind;
import io.tollgate.gateway.security.InFlightLimiter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Turns an upstream that cannot be reached or does not answer in time into a 502 or 504 problem,
 * instead of the empty 502 the proxy library sends by itself, and keeps the upstream's circuit
 * breaker: while it is open, requests are answered with a 503 problem without being sent.
 *
 * <p>Only failures that say something about the service count against its breaker. A client that
 * hung up says nothing; nor does a request that timed out while its body was still arriving: a
 * service that waits for a body which never comes is not failing, and anyone able to send a request
 * could otherwise open the circuit for everyone by stalling a few bodies (a Content-Length larger
 * than what is sent). Such a request is answered 408, as the client's. Any other failure while the
 * body is arriving (the service closed or reset the connection, or answered 502, 503 or 504 without
 * waiting for the body) is the service's, as at any other time.
 *
 * <p>Once the head of the service's answer has been passed on, the same {@code gateway.timeout}
 * bounds each silence of its body ({@link SilentBodyCutoff}): a body that stops arriving is cut off
 * (the client's connection closed, on HTTP/2 its stream reset, and the upstream request reset),
 * counted against the breaker as a service that stopped answering, unless the client's own body was
 * still arriving, and logged once.
 *
 * <p>It must be the first interceptor, so it sees every failure of the ones after it.
 */
final class UpstreamFailureInterceptor implements ProxyInterceptor {

  private static final Logger LOG = Logger.getLogger(UpstreamFailureInterceptor.class);
  private static final String CONNECTED = "tollgate.upstream-connected";
  private static final String CLOSE_AFTER_ANSWER = "tollgate.close-after-answer";
  // the breaker's permit of a request the service answered: its body may still fail
  private static final String ANSWERED = "tollgate.upstream-answered";

  private final Upstream upstream;
  private final Vertx vertx;
  private final Duration timeout;
  private final CircuitBreaker breaker;
  private final Counter badGateway;
  private final Counter gatewayTimeout;
  private final Counter circuitOpen;
  private final Counter bodyTimeout;
  private final Counter silentBodyCut;

  UpstreamFailureInterceptor(
      Upstream upstream,
      Vertx vertx,
      Duration timeout,
      CircuitBreaker breaker,
      MeterRegistry registry) {
    this.upstream = upstream;
    this.vertx = vertx;
    this.timeout = timeout;
    this.breaker = breaker;
    this.badGateway = counter(registry, upstream, Kind.BAD_GATEWAY);
    this.gatewayTimeout = counter(registry, upstream, Kind.GATEWAY_TIMEOUT);
    this.circuitOpen = counter(registry, upstream, Kind.UNAVAILABLE);
    // the client's failure, not the service's: counted with the gateway's other refusals
    this.bodyTimeout =
        registry.counter(
            "gateway.requests.rejected", "status", Integer.toString(Kind.REQUEST_TIMEOUT.status));
    this.silentBodyCut =
        Counter.builder("gateway.upstream.responses.cut")
            .description(
                "Answers whose body the gateway cut off because the upstream sent nothing more for"
                    + " gateway.timeout after their head")
            .tag("service", upstream.name())
            .register(registry);
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
              if (result.succeeded()) {
                context.set(ANSWERED, permit);
              }
              if (result.succeeded() && !isUnavailable(result.result().getStatusCode())) {
                breaker.onSuccess(permit);
              } else if (clientGone(context) || stalledBody(context, result.cause())) {
                // the client hung up, or the service was still waiting for the client's body when
                // the time ran out: says nothing about the service
                breaker.onAbandoned(permit);
              } else {
                breaker.onFailure(permit);
              }
            })
        .recover(
            failure -> {
              if (clientGone(context)) {
                LOG.debugf(
                    "%s %s -> %s abandoned: the client went away (closed or reset its"
                        + " connection, or cancelled its stream)",
                    context.request().proxiedRequest().method(),
                    context.request().proxiedRequest().path(),
                    upstream.name());
                // nobody will read it, but the library still expects an answer
                return Future.succeededFuture(answer(context, Kind.BAD_GATEWAY, "client gone"));
              }
              if (stalledBody(context, failure)) {
                return Future.succeededFuture(bodyNotReceived(context, failure));
              }
              if (bodyIncomplete(context)) {
                // the service's failure, but what is left of the body would be read as the next
                // request
                closeAfterAnswer(context);
              }
              return Future.succeededFuture(problem(context, failure));
            });
  }

  @Override
  public Future<Void> handleProxyResponse(ProxyContext context) {
    InFlightLimiter.Place place = GatewayRouter.inFlightPlace(context.request().proxiedRequest());
    Long permit = context.get(ANSWERED, Long.class);
    Body body = context.response().getBody();
    if (permit != null && body != null) {
      // the service's own answer (not one the gateway made up): its body may go silent
      int status = context.response().getStatusCode();
      context
          .response()
          .setBody(
              Body.body(
                  new SilentBodyCutoff(
                      body.stream(),
                      vertx,
                      timeout,
                      (failure, received) ->
                          silentBody(context, status, permit, place, failure, received)),
                  body.length()));
    }
    Future<Void> sent = context.sendResponse();
    // The exchange is over once the answer is out or could not be sent (its client went, its body
    // was cut): the request's place among its caller's requests in flight is free. The route's end
    // handler usually says so first (see ForwardedRequest).
    if (place != null) {
      sent = sent.andThen(result -> place.release());
    }
    if (context.get(CLOSE_AFTER_ANSWER, Boolean.class) == null) {
      return sent;
    }
    // what is left of the body would be read as part of this request: nobody waits for it. On
    // HTTP/2 only this request's stream goes (RST_STREAM NO_ERROR after a complete answer, RFC 9113
    // section 8.1), not the other requests the connection carries
    HttpServerRequest incoming = context.request().proxiedRequest();
    return sent.andThen(
        v -> {
          if (incoming.version() == HttpVersion.HTTP_2) {
            incoming.response().reset(0);
          } else {
            incoming.connection().close();
          }
        });
  }

  /**
   * A body the service stopped sending for {@code gateway.timeout} after the answer's head: the
   * stream fails next, and the proxy resets the upstream request and the client's response (its
   * status, long sent, cannot change). Counted against the breaker as a service that stopped
   * answering, unless the client's own body was still arriving (a service may stream its answer
   * while it reads, and wait for the client); logged once, at DEBUG when it was the client's.
   */
  private void silentBody(
      ProxyContext context,
      int status,
      long permit,
      InFlightLimiter.Place place,
      TimeoutException failure,
      long received) {
    HttpServerRequest incoming = context.request().proxiedRequest();
    // a client that went away unseen, or whose body the service was still reading, may be what
    // the service waited for
    boolean clients = bodyIncomplete(context) || clientGone(context);
    if (clients) {
      breaker.onAbandoned(permit);
    } else {
      breaker.onFailure(permit);
    }
    silentBodyCut.increment();
    LOG.logf(
        clients ? Logger.Level.DEBUG : Logger.Level.WARN,
        "%s %s -> %s: the answer (%d) was cut off after %d bytes of its body: nothing more came"
            + " for %s%s (request %s)",
        incoming.method(),
        incoming.path(),
        upstream.name(),
        status,
        received,
        words(timeout),
        clients ? " while the client was still sending or gone" : "",
        incoming.getHeader(Problems.REQUEST_ID));
    // The proxy resets both sides once the stream has failed, but not for every client: an
    // HTTP/1.0 client's answer of unknown length is buffered whole, and the library leaves such
    // an answer hanging when its body fails. Make sure of the client's end here, after the proxy.
    vertx.runOnContext(
        v -> {
          if (!incoming.response().ended()) {
            incoming.response().reset();
          }
          if (place != null) {
            place.release();
          }
        });
  }

  /** Has the connection (HTTP/1.x) or the stream (HTTP/2) end once the answer is out. */
  private static void closeAfterAnswer(ProxyContext context) {
    HttpServerRequest incoming = context.request().proxiedRequest();
    if (incoming.version() != HttpVersion.HTTP_2) {
      // connection-specific headers are not allowed in HTTP/2
      incoming.response().putHeader(HttpHeaders.CONNECTION, "close");
    }
    context.set(CLOSE_AFTER_ANSWER, Boolean.TRUE);
  }

  /** Notes that the request has a connection to the upstream and its body is streaming to it. */
  static void connected(ProxyContext context) {
    context.set(CONNECTED, Boolean.TRUE);
  }

  /**
   * Whether the client went away (closed or reset its connection, cancelled its stream), which
   * fails the exchange with the service too: never the service's failure.
   */
  private static boolean clientGone(ProxyContext context) {
    HttpServerRequest incoming = context.request().proxiedRequest();
    return incoming instanceof ForwardedRequest forwarded
        ? forwarded.clientGone()
        : incoming.response().closed();
  }

  /**
   * Whether the request's body was still arriving when the exchange ended. Asked only once it was
   * connected: until the body streams, a request waits paused and does not read as ended even when
   * all of it has arrived, and a failure to connect is the service's whatever the body.
   */
  private static boolean bodyIncomplete(ProxyContext context) {
    return context.get(CONNECTED, Boolean.class) != null
        && !context.request().proxiedRequest().isEnded();
  }

  /**
   * Whether the exchange ran out of time while the client's body was still arriving: the client's
   * failure. Only a timeout is: a service that closed or reset the connection, or answered at all,
   * did so whatever the client was still sending.
   */
  private static boolean stalledBody(ProxyContext context, Throwable failure) {
    return failure != null && UpstreamFailures.isTimeout(failure) && bodyIncomplete(context);
  }

  /**
   * The 408 for a request whose body had not arrived in full when the time for the exchange ran
   * out: the client's failure, logged at DEBUG only (a client could fill the log with it). The rest
   * of the body is not read: the connection (HTTP/2: the stream) closes once the answer is out.
   */
  private ProxyResponse bodyNotReceived(ProxyContext context, Throwable failure) {
    bodyTimeout.increment();
    HttpServerRequest incoming = context.request().proxiedRequest();
    LOG.debugf(
        "%s %s -> %s: the request body had not arrived in full when the exchange ended (request"
            + " %s): %s",
        incoming.method(),
        incoming.path(),
        upstream.name(),
        incoming.getHeader(Problems.REQUEST_ID),
        failure.toString());
    closeAfterAnswer(context);
    return answer(
        context,
        Kind.REQUEST_TIMEOUT,
        "The request body had not arrived in full when the exchange with "
            + upstream.name()
            + " ended (the gateway waits "
            + words(timeout)
            + " for its answer); send the whole body without pausing, as long as its"
            + " Content-Length says");
  }

  private static String words(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
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
