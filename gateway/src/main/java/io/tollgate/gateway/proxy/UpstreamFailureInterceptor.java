package io.tollgate.gateway.proxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.gateway.config.Upstream;
import io.tollgate.gateway.proxy.Problems.Kind;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Turns an upstream that cannot be reached or does not answer in time into a 502 or 504 problem,
 * instead of the empty 502 the proxy library sends by itself.
 *
 * <p>It must be the first interceptor, so it sees every failure of the ones after it.
 */
final class UpstreamFailureInterceptor implements ProxyInterceptor {

  private static final Logger LOG = Logger.getLogger(UpstreamFailureInterceptor.class);

  private final Upstream upstream;
  private final Duration timeout;
  private final Counter badGateway;
  private final Counter gatewayTimeout;

  UpstreamFailureInterceptor(Upstream upstream, Duration timeout, MeterRegistry registry) {
    this.upstream = upstream;
    this.timeout = timeout;
    this.badGateway = counter(registry, upstream, Kind.BAD_GATEWAY);
    this.gatewayTimeout = counter(registry, upstream, Kind.GATEWAY_TIMEOUT);
  }

  @Override
  public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
    Future<ProxyResponse> sent;
    try {
      sent = context.sendRequest();
    } catch (RuntimeException e) {
      sent = Future.failedFuture(e);
    }
    return sent.recover(failure -> Future.succeededFuture(problem(context, failure)));
  }

  private ProxyResponse problem(ProxyContext context, Throwable failure) {
    HttpServerRequest incoming = context.request().proxiedRequest();
    String requestId = incoming.getHeader(RequestIds.HEADER);
    Kind kind;
    String detail;
    if (isTimeout(failure)) {
      kind = Kind.GATEWAY_TIMEOUT;
      gatewayTimeout.increment();
      detail = upstream.name() + " did not respond in time";
    } else {
      kind = Kind.BAD_GATEWAY;
      badGateway.increment();
      detail = upstream.name() + " is unavailable: " + reason(failure);
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
    // Drop what is left of the client's body and any upstream headers; answer from scratch.
    return context
        .request()
        .release()
        .response()
        .setStatusCode(kind.status)
        .putHeader(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .setBody(Body.body(Problems.body(kind, detail, incoming.path(), requestId)));
  }

  /** Connect timeouts count as timeouts too: the upstream host did not answer in time. */
  static boolean isTimeout(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException
          || t instanceof io.netty.channel.ConnectTimeoutException
          || t instanceof io.netty.handler.timeout.TimeoutException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** A short, address-free reason for clients; the log has the full failure. */
  private static String reason(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof UnknownHostException) {
        return "host not found";
      }
      if (t instanceof ConnectException) {
        return "connection refused";
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return "connection failed";
  }

  private static Counter counter(MeterRegistry registry, Upstream upstream, Kind kind) {
    return Counter.builder("gateway.upstream.failures")
        .description("Requests the gateway answered itself because an upstream failed")
        .tag("service", upstream.name())
        .tag("status", Integer.toString(kind.status))
        .register(registry);
  }
}
