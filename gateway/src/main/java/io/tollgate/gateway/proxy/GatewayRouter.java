package io.tollgate.gateway.proxy;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.tollgate.gateway.config.GatewayConfig;
import io.tollgate.gateway.config.RouteTable;
import io.tollgate.gateway.config.Upstream;
import io.tollgate.gateway.proxy.Problems.Kind;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.proxy.handler.ProxyHandler;
import io.vertx.httpproxy.HttpProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Installs the gateway on Quarkus's own HTTP router: every {@code /api/...} request gets a request
 * id and is either streamed to the upstream that owns its path or answered with a problem.
 *
 * <p>One Vert.x {@link HttpClient} (a keep-alive connection pool per upstream host and port) is
 * shared by one {@link HttpProxy} per upstream, all on Quarkus's event loops.
 */
@ApplicationScoped
public class GatewayRouter {

  private static final Logger LOG = Logger.getLogger(GatewayRouter.class);

  private final GatewayConfig config;
  private final Vertx vertx;
  private final MeterRegistry registry;

  private volatile RouteTable routeTable;
  private volatile HttpClient client;

  GatewayRouter(GatewayConfig config, Vertx vertx, MeterRegistry registry) {
    this.config = config;
    this.vertx = vertx;
    this.registry = registry;
  }

  void install(@Observes Router router) {
    RouteTable table = RouteTable.from(config);
    HttpClient httpClient = vertx.createHttpClient(clientOptions(), poolOptions());
    Map<String, ProxyHandler> proxies = new HashMap<>();
    table
        .routedUpstreams()
        .forEach((name, upstream) -> proxies.put(name, proxyFor(upstream, httpClient)));

    router
        .route("/api/*")
        .handler(rc -> dispatch(rc, table, proxies))
        .failureHandler(GatewayRouter::failure);

    this.client = httpClient;
    this.routeTable = table;
    table
        .routes()
        .forEach(
            r ->
                LOG.infof(
                    "Route %s/** -> %s (%s)",
                    r.prefix(), r.upstream().name(), r.upstream().baseUrl()));
  }

  void close(@Observes ShutdownEvent event) {
    HttpClient httpClient = client;
    if (httpClient != null) {
      httpClient.close();
    }
  }

  /** The installed route table, or empty before the router is set up. */
  public Optional<RouteTable> routeTable() {
    return Optional.ofNullable(routeTable);
  }

  private ProxyHandler proxyFor(Upstream upstream, HttpClient httpClient) {
    long connectTimeout = config.connectTimeout().toMillis();
    long idleTimeout = config.timeout().toMillis();
    HttpProxy proxy =
        HttpProxy.reverseProxy(httpClient)
            .origin(
                context ->
                    context
                        .client()
                        .request(
                            new RequestOptions()
                                .setHost(upstream.host())
                                .setPort(upstream.port())
                                .setSsl(upstream.ssl())
                                .setConnectTimeout(connectTimeout)
                                .setIdleTimeout(idleTimeout)))
            // The failure mapping goes first so it wraps everything after it.
            .addInterceptor(new UpstreamFailureInterceptor(upstream, config.timeout(), registry))
            .addInterceptor(new ForwardingInterceptor(upstream));
    return ProxyHandler.create(proxy);
  }

  private static void dispatch(
      RoutingContext rc, RouteTable table, Map<String, ProxyHandler> proxies) {
    HttpServerRequest request = rc.request();
    String incomingId = request.getHeader(RequestIds.HEADER);
    String requestId = RequestIds.resolve(incomingId);
    if (!requestId.equals(incomingId)) {
      // Set on the request itself so the proxy forwards it and the failure mapping can quote it.
      request.headers().set(RequestIds.HEADER, requestId);
    }
    rc.addHeadersEndHandler(v -> rc.response().headers().set(RequestIds.HEADER, requestId));

    if (Paths.hasDotSegment(request.path())) {
      respond(rc, Kind.BAD_REQUEST, "The path must not contain '.' or '..' segments");
      return;
    }
    Optional<RouteTable.Route> route = table.match(rc.normalizedPath());
    if (route.isEmpty()) {
      respond(rc, Kind.NOT_FOUND, "No API route for " + request.path());
      return;
    }
    proxies.get(route.get().upstream().name()).handle(rc);
  }

  private static void failure(RoutingContext rc) {
    LOG.errorf(
        rc.failure(), "Gateway failure on %s %s", rc.request().method(), rc.normalizedPath());
    if (rc.response().headWritten()) {
      rc.response().reset();
      return;
    }
    int status = rc.statusCode();
    if (status == 404) {
      respond(rc, Kind.NOT_FOUND, "No API route for " + rc.request().path());
    } else if (status >= 400 && status < 500) {
      respond(rc, Kind.BAD_REQUEST, "The request could not be processed");
    } else {
      respond(rc, Kind.INTERNAL, "The gateway failed to handle the request");
    }
  }

  private static void respond(RoutingContext rc, Kind kind, String detail) {
    rc.response()
        .setStatusCode(kind.status)
        .putHeader(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(
            Problems.body(
                kind, detail, rc.request().path(), rc.request().getHeader(RequestIds.HEADER)));
  }

  private HttpClientOptions clientOptions() {
    return new HttpClientOptions()
        .setName("gateway-upstreams")
        .setKeepAlive(true)
        .setKeepAliveTimeout(Math.toIntExact(config.pool().keepAliveTimeout().toSeconds()))
        .setConnectTimeout(Math.toIntExact(config.connectTimeout().toMillis()))
        .setTcpNoDelay(true)
        // Bodies pass through byte for byte: never ask for or undo a content encoding.
        .setTryUseCompression(false)
        .setDecompressionSupported(false);
  }

  private PoolOptions poolOptions() {
    return new PoolOptions()
        .setHttp1MaxSize(config.pool().maxSize())
        .setMaxWaitQueueSize(config.pool().maxWaitQueueSize());
  }
}
