package io.tollgate.gateway.proxy;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.runtime.ShutdownEvent;
import io.tollgate.gateway.apikey.ApiKeyRoutes;
import io.tollgate.gateway.config.GatewayConfig;
import io.tollgate.gateway.config.RouteTable;
import io.tollgate.gateway.config.Upstream;
import io.tollgate.gateway.http.ProblemException;
import io.tollgate.gateway.http.Problems;
import io.tollgate.gateway.http.Problems.Kind;
import io.tollgate.gateway.http.RequestIds;
import io.tollgate.gateway.security.AccessPolicy;
import io.tollgate.gateway.security.Authentication;
import io.tollgate.gateway.security.Authenticator;
import io.tollgate.gateway.security.ClientAddresses;
import io.tollgate.gateway.security.CorsRefusals;
import io.tollgate.gateway.security.Identity;
import io.tollgate.gateway.security.InFlightLimiter;
import io.tollgate.gateway.security.RateLimiter;
import io.tollgate.gateway.security.SecurityHeaders;
import io.tollgate.http.RequestTargets;
import io.vertx.core.AsyncResult;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.VertxInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Installs the gateway on Quarkus's own HTTP router. Every {@code /api/...} request gets a request
 * id and the security headers, and passes, in this order: the path and body-size checks,
 * authentication (bearer JWT or API key), the caller's rate limit, the route table, the
 * credential's scope, the caller's requests in flight, and the upstream's circuit breaker; it is
 * then streamed to the upstream that owns its path, or answered with a problem at the first check
 * it fails.
 *
 * <p>Each of Quarkus's event loops forwards through its own Vert.x {@link HttpClient} (a keep-alive
 * connection pool per upstream host and port) and one {@link HttpProxy} per upstream on it, so that
 * a request and its upstream connection stay on one thread ({@link LoopLocalProxies}); the
 * configured pool limits are shared out between the loops. The failure mapping and circuit breaker
 * of an upstream are one for all loops.
 */
@ApplicationScoped
public class GatewayRouter {

  private static final Logger LOG = Logger.getLogger(GatewayRouter.class);
  private static final String RATE_LIMIT = "tollgate.rate-limit";
  private static final String LOOKUP_CHARGED = "tollgate.lookup-charged";
  private static final String IN_FLIGHT = "tollgate.in-flight";
  private static final String MDC_REQUEST_ID = "requestId";
  // the words of Vert.x's router, which refuses the same request when no trusted proxy sent it
  private static final String HOST_REQUIRED =
      "For HTTP/1.x requests, the 'Host' header is required";
  // before Quarkus's own Content-Length check (order -2), which answers 413 without a body
  private static final int GUARD_ORDER = -3;

  private final GatewayConfig config;
  private final Vertx vertx;
  private final MeterRegistry registry;
  private final Authenticator authenticator;
  private final ApiKeyRoutes apiKeyRoutes;
  private final RateLimiter rateLimiter;
  private final InFlightLimiter inFlight;
  private final ClientAddresses clientAddresses;
  private final CorsRefusals cors;

  private volatile RouteTable routeTable;
  private volatile LoopLocalProxies proxies;
  private volatile long evictionTimer = -1;

  GatewayRouter(
      GatewayConfig config,
      Vertx vertx,
      MeterRegistry registry,
      Authenticator authenticator,
      ApiKeyRoutes apiKeyRoutes,
      ClientAddresses clientAddresses,
      CorsRefusals cors) {
    this.config = config;
    this.vertx = vertx;
    this.registry = registry;
    this.authenticator = authenticator;
    this.apiKeyRoutes = apiKeyRoutes;
    this.clientAddresses = clientAddresses;
    this.cors = cors;
    GatewayConfig.RateLimit limits = config.rateLimit();
    this.rateLimiter =
        new RateLimiter(limits.enabled(), limits.requestsPerSecond(), limits.burst());
    this.inFlight = new InFlightLimiter(limits.enabled(), limits.maxInFlight());
  }

  void install(
      @Observes Router router,
      OpenTelemetry openTelemetry,
      @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false")
          boolean tracingOff,
      @ConfigProperty(name = "quarkus.otel.instrument.vertx-http", defaultValue = "true")
          boolean httpTraced) {
    RouteTable table = RouteTable.from(config);
    int keepAliveSeconds = keepAliveSeconds(config.pool().keepAliveTimeout());
    // what the gateway's HTTP client writes on every request to a service when it traces
    Set<String> traceFields =
        tracingOff || !httpTraced
            ? Set.of()
            : Set.copyOf(openTelemetry.getPropagators().getTextMapPropagator().fields());
    Map<Upstream, List<ProxyInterceptor>> interceptors = new HashMap<>();
    table
        .routedUpstreams()
        .values()
        .forEach(u -> interceptors.put(u, interceptorsFor(u, traceFields)));
    PoolOptions poolOptions = poolOptions(eventLoops());
    LoopLocalProxies loopProxies =
        new LoopLocalProxies(
            () -> vertx.createHttpClient(clientOptions(keepAliveSeconds), poolOptions),
            client -> {
              Map<String, HttpProxy> byName = new HashMap<>();
              interceptors.forEach(
                  (upstream, chain) ->
                      byName.put(upstream.name(), proxyFor(upstream, client, chain)));
              return byName;
            });
    long maxBodySize = config.maxBodySize().asLongValue();

    // The router refuses some requests itself before any route runs (an HTTP/1.1 request
    // without a Host header) and says why in the failure: a client's mistake, answered as one.
    // A target that is not a URI is refused first thing, as Quarkus would (ADR 0019).
    router
        .route()
        .order(Integer.MIN_VALUE)
        .handler(this::checkTarget)
        .failureHandler(
            rc -> {
              if (rc.statusCode() == 400
                  && rc.failure() instanceof VertxException refusal
                  && refusal.getMessage() != null) {
                addResponseHeaders(rc);
                reject(rc, new ProblemException(Kind.BAD_REQUEST, refusal.getMessage()));
              } else {
                rc.next();
              }
            });
    router.route("/api/*").order(GUARD_ORDER).handler(rc -> guard(rc, maxBodySize));
    router
        .route("/api/*")
        .handler(rc -> dispatch(rc, table, loopProxies))
        .failureHandler(GatewayRouter::failure);

    // a path no route serves, /q/health and /q/metrics included (they are on the management
    // interface, ADR 0018): Vert.x's own answer is an HTML page
    router.errorHandler(
        404, rc -> Problems.respond(rc, Kind.NOT_FOUND, "no resource at " + rc.request().path()));
    // What fails while the router matches routes, before any handler of ours has run, ends here;
    // Vert.x's own answer is plain text with an ERROR logged, even for a client's mistake.
    router.errorHandler(400, this::routerRefusal);
    router.errorHandler(500, GatewayRouter::routerFailure);

    if (rateLimiter.enabled()) {
      evictionTimer = vertx.setPeriodic(60_000, id -> rateLimiter.evictFull());
    }
    this.proxies = loopProxies;
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
    if (evictionTimer >= 0) {
      vertx.cancelTimer(evictionTimer);
    }
    LoopLocalProxies installed = proxies;
    if (installed != null) {
      installed.close();
    }
  }

  /** The installed route table, or empty before the router is set up. */
  public Optional<RouteTable> routeTable() {
    return Optional.ofNullable(routeTable);
  }

  /** The failure mapping (with the upstream's circuit breaker), then the forwarding headers. */
  private List<ProxyInterceptor> interceptorsFor(Upstream upstream, Set<String> traceFields) {
    GatewayConfig.CircuitBreaker breakerConfig = config.circuitBreaker();
    CircuitBreaker breaker =
        new CircuitBreaker(
            breakerConfig.enabled(),
            breakerConfig.failureThreshold(),
            breakerConfig.openDuration());
    return List.of(
        new UpstreamFailureInterceptor(upstream, vertx, config.timeout(), breaker, registry),
        new ForwardingInterceptor(upstream, traceFields));
  }

  private HttpProxy proxyFor(
      Upstream upstream, HttpClient httpClient, List<ProxyInterceptor> interceptors) {
    long connectTimeout = config.connectTimeout().toMillis();
    long idleTimeout = config.timeout().toMillis();
    // No WebSocket tunnels (ADR 0003's amendment): the library's default would switch an upgraded
    // request to a raw tunnel past every interceptor (failure mapping, circuit breaker, forwarding
    // headers), and its exchange would never end for the route, keeping its place among its
    // caller's requests in flight for good. Without it an upgrade request is forwarded as the plain
    // request it also is, its hop-by-hop Connection and Upgrade dropped, and the service's plain
    // answer comes back.
    HttpProxy proxy =
        HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(false), httpClient)
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
                                .setIdleTimeout(idleTimeout))
                        .onSuccess(
                            upstreamRequest -> {
                              // from here on the request's body streams to the upstream: a
                              // failure while it is still arriving may be the client's doing,
                              // not the service's
                              UpstreamFailureInterceptor.connected(context);
                              // A failure of the request is the exchange's: before the answer,
                              // the failure mapping reports it (with the request id); after it,
                              // the rest of a body the service would not read (one over its
                              // limit, say) could not be sent, which is nobody's error. Vert.x
                              // would log each at ERROR, without the request id.
                              upstreamRequest.exceptionHandler(
                                  failure ->
                                      LOG.debugf(
                                          "%s %s -> %s: the request to the service ended early"
                                              + " (request %s): %s",
                                          context.request().getMethod(),
                                          context.request().proxiedRequest().path(),
                                          upstream.name(),
                                          context
                                              .request()
                                              .proxiedRequest()
                                              .getHeader(RequestIds.HEADER),
                                          failure.toString()));
                            }));
    // The failure mapping goes first so it wraps everything after it.
    interceptors.forEach(proxy::addInterceptor);
    return proxy;
  }

  /** Cheap checks that need no identity; they run before Quarkus's own body-size check. */
  private void guard(RoutingContext rc, long maxBodySize) {
    HttpServerRequest request = rc.request();
    addResponseHeaders(rc);

    String host = request.getHeader(HttpHeaders.HOST);
    if (request.version() == HttpVersion.HTTP_1_1 && (host == null || host.isEmpty())) {
      // RFC 9112 3.2: a server must refuse such a request, and an http URI always has an
      // authority. Vert.x's router refuses it, unless the request came through a trusted proxy:
      // Quarkus then sets an empty Host and lets it pass.
      reject(rc, new ProblemException(Kind.BAD_REQUEST, HOST_REQUIRED));
      return;
    }
    if (Paths.hasDotSegment(request.path())) {
      reject(
          rc,
          new ProblemException(Kind.BAD_REQUEST, "The path must not contain '.' or '..' segments"));
      return;
    }
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && contentLength(length) > maxBodySize) {
      // the rest of the body is not read: close the connection once the answer is out
      rc.response().putHeader(HttpHeaders.CONNECTION, "close");
      rc.response().endHandler(v -> request.connection().close());
      reject(
          rc,
          new ProblemException(
              Kind.PAYLOAD_TOO_LARGE,
              "The request body is larger than the gateway accepts (" + maxBodySize + " bytes)"));
      return;
    }
    rc.next();
  }

  /**
   * Gives the request its id (set on the request itself, so the proxy forwards it and the failure
   * mapping can quote it) and the answer its request id, security and rate-limit headers. Called
   * again for the same request, it changes nothing: the id it set is kept.
   */
  private static void addResponseHeaders(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    String incomingId = request.getHeader(RequestIds.HEADER);
    String requestId = RequestIds.resolve(incomingId);
    if (!requestId.equals(incomingId)) {
      request.headers().set(RequestIds.HEADER, requestId);
    }
    // in what the gateway logs about the request, as the services do (rest-conventions'
    // RequestIdContext): Quarkus keeps the MDC in the request's own Vert.x context, so it follows
    // the request onto the callbacks and worker threads that serve it, and no other request
    MDC.put(MDC_REQUEST_ID, requestId);
    rc.addHeadersEndHandler(
        v -> {
          MultiMap headers = rc.response().headers();
          headers.set(RequestIds.HEADER, requestId);
          SecurityHeaders.apply(request, headers);
          RateLimiter.Decision decision = rc.get(RATE_LIMIT);
          if (decision != null) {
            headers.set("RateLimit-Limit", Integer.toString(decision.limit()));
            headers.set("RateLimit-Remaining", Long.toString(decision.remaining()));
            headers.set("RateLimit-Reset", Long.toString(decision.resetSeconds()));
          }
        });
  }

  /**
   * Refuses a request target that {@link java.net.URI} cannot parse, as Quarkus would before any
   * route if the launcher had not turned its check off for this one, and a target or header fields
   * too large, as the HTTP codec would at lower limits (ADR 0019), but each with a reason; and a
   * cross-origin request that Quarkus's CORS filter, which runs next, would refuse with a bare 403.
   */
  private void checkTarget(RoutingContext rc) {
    ProblemException refused = Problems.refusedHead(rc.request());
    if (refused == null) {
      refused = cors.refusal(rc.request());
    }
    if (refused == null) {
      rc.next();
      return;
    }
    addResponseHeaders(rc);
    reject(rc, refused);
  }

  /**
   * A request the router refused while matching routes, before any handler of ours: Vert.x fails a
   * path whose percent-escapes do not decode there, before {@link #checkTarget} could run. A
   * client's mistake, not logged as ours. The router does not say what failed; the target tells.
   */
  private void routerRefusal(RoutingContext rc) {
    String invalid = RequestTargets.invalid(rc.request().uri());
    LOG.debugf("Refused a request the router could not match: %s", invalid);
    addResponseHeaders(rc);
    reject(
        rc,
        new ProblemException(
            Kind.BAD_REQUEST, invalid != null ? invalid : "The request could not be processed"));
  }

  /**
   * A failure no route's failure handler answered (one thrown while matching routes, or by a
   * failure handler itself): the gateway's own, logged, and answered without its internals.
   */
  private static void routerFailure(RoutingContext rc) {
    // rc.failure() is the route's failure, if any; Vert.x keeps what it caught here to itself
    LOG.errorf(
        rc.failure(), "Unhandled failure on %s %s", rc.request().method(), rc.request().path());
    if (rc.response().headWritten()) {
      // the status is out: only the connection (HTTP/2: the stream) can tell the client
      ForwardedRequest.abort(rc.request());
      return;
    }
    addResponseHeaders(rc);
    Problems.respond(rc, Kind.INTERNAL, "The gateway failed to handle the request");
  }

  private void dispatch(RoutingContext rc, RouteTable table, LoopLocalProxies proxies) {
    String client = RateLimiter.addressKey(clientAddresses.of(rc.request()));
    authenticator
        .authenticate(rc.request().headers(), () -> chargeLookup(rc, client))
        .onComplete(
            result -> {
              if (rc.response().ended() || rc.response().closed()) {
                return;
              }
              try {
                proceed(rc, result, client, table, proxies);
              } catch (ProblemException e) {
                reject(rc, e);
              } catch (RuntimeException e) {
                rc.fail(e);
              }
            });
  }

  private void proceed(
      RoutingContext rc,
      AsyncResult<Authentication> result,
      String client,
      RouteTable table,
      LoopLocalProxies proxies) {
    if (result.failed()) {
      if (result.cause() instanceof ProblemException problem) {
        // failed authentications count against the client's address, which throttles guessing;
        // one that looked a key up paid before it did (chargeLookup)
        if (problem.kind() == Kind.UNAUTHORIZED && rc.get(LOOKUP_CHARGED) == null) {
          limit(rc, client);
        }
        throw problem;
      }
      throw new IllegalStateException("authentication failed unexpectedly", result.cause());
    }
    if (rc.get(LOOKUP_CHARGED) != null) {
      // a key that was found costs its address nothing: only failed lookups throttle it
      rateLimiter.refund(client);
    }
    Authentication authentication = result.result();
    Identity identity = authentication.identity();
    limit(rc, identity.rateLimitKey());

    HttpServerRequest request = rc.request();
    String path = rc.normalizedPath();
    if (ApiKeyRoutes.owns(path)) {
      // a read-only credential only reads, here too: an ADMIN token with scope READ_ONLY included
      AccessPolicy.check(identity, request.method(), path);
      continueIfExpected(request);
      apiKeyRoutes.handle(rc, identity);
      return;
    }
    RouteTable.Route route =
        table
            .match(path)
            .orElseThrow(
                () -> new ProblemException(Kind.NOT_FOUND, "No API route for " + request.path()));
    AccessPolicy.check(identity, request.method(), path);
    // the last check: from here on the request is forwarded, and its end gives its place back
    holdInFlight(rc, identity.rateLimitKey());
    // The fields the client's Connection header names are for its hop only (RFC 9110 section
    // 7.6.1), read here (a credential included) and not forwarded. Dropped before the gateway adds
    // the fields it sends the next hop itself, so that a client cannot strip those by naming them.
    String requestId = request.getHeader(RequestIds.HEADER);
    ForwardingInterceptor.dropConnectionOptions(request.headers());
    request.headers().set(RequestIds.HEADER, requestId);
    if (authentication.forwardToken() != null) {
      // services see the minted token, never the API key, and a bearer token in canonical form
      request.headers().remove(Authenticator.X_API_KEY);
      request.headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + authentication.forwardToken());
    }
    continueIfExpected(request);
    // the route's request, with its place and a response whose reset lets it end as it should
    proxies.proxy(route.upstream().name()).handle(new ForwardedRequest(request, rc.get(IN_FLIGHT)));
  }

  /**
   * A client that sent {@code Expect: 100-continue} (curl for larger bodies, Java's HttpClient when
   * asked) holds its body back until it hears {@code 100 Continue}. The gateway says so itself,
   * once the request has passed every check, and takes the header off the forwarded request: the
   * proxy does not relay an upstream's interim answer, and the body streams on regardless.
   */
  private static void continueIfExpected(HttpServerRequest request) {
    if (expectsContinue(request)) {
      request.headers().remove(HttpHeaders.EXPECT);
      request.response().writeContinue();
    }
  }

  private static boolean expectsContinue(HttpServerRequest request) {
    // RFC 9110 10.1.1: an HTTP/1.0 request's expectation is ignored
    return request.version() == HttpVersion.HTTP_1_1
        && HttpHeaders.CONTINUE.toString().equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT));
  }

  /**
   * Takes a token from the client address's bucket before an API key not seen recently is looked up
   * in the database, and says whether the lookup may run. Taken before, not after the lookup
   * failed: requests sent at once would otherwise all find the token still there and all reach the
   * database. A key that is found gets its token back ({@link #proceed}).
   */
  private boolean chargeLookup(RoutingContext rc, String client) {
    if (!rateLimiter.enabled()) {
      return true;
    }
    RateLimiter.Decision decision = rateLimiter.acquire(client);
    rc.put(RATE_LIMIT, decision);
    if (decision.allowed()) {
      rc.put(LOOKUP_CHARGED, Boolean.TRUE);
    }
    return decision.allowed();
  }

  private void limit(RoutingContext rc, String key) {
    if (!rateLimiter.enabled()) {
      return;
    }
    RateLimiter.Decision decision = rateLimiter.acquire(key);
    rc.put(RATE_LIMIT, decision);
    if (!decision.allowed()) {
      throw new ProblemException(
          Kind.TOO_MANY_REQUESTS,
          "Rate limit exceeded: "
              + decision.limit()
              + " requests at once, "
              + config.rateLimit().requestsPerSecond()
              + " per second; retry after "
              + decision.retryAfterSeconds()
              + " s",
          Map.of(HttpHeaders.RETRY_AFTER.toString(), Long.toString(decision.retryAfterSeconds())));
    }
  }

  /**
   * Counts the request among its caller's requests in flight until its exchange ends, however it
   * ends: its answer is out (the service's, or the gateway's 408, 502, 503 or 504), its answer was
   * cut off mid-body, or its client went first (connection closed or reset; HTTP/2: its stream).
   * The route's end handler sees these (a reset by the proxy closes the connection so that it does,
   * {@link ForwardedRequest}), and so does the proxy's own end of the exchange ({@link
   * UpstreamFailureInterceptor#handleProxyResponse}): whichever comes first gives the place back. A
   * caller who has as many in flight as it may is answered 429 instead, before an upstream
   * connection is asked for or the circuit breaker sees the request.
   */
  private void holdInFlight(RoutingContext rc, String caller) {
    if (!inFlight.enabled()) {
      return;
    }
    InFlightLimiter.Place place = inFlight.tryAcquire(caller);
    if (place == null) {
      throw new ProblemException(
          Kind.TOO_MANY_REQUESTS,
          "Too many requests in flight for this caller: at most "
              + inFlight.max()
              + " at once may be forwarded; retry after 1 s, or once one of them has been"
              + " answered",
          Map.of(HttpHeaders.RETRY_AFTER.toString(), "1"));
    }
    rc.put(IN_FLIGHT, place);
    rc.addEndHandler(ended -> place.release());
  }

  /**
   * The place a forwarded request holds among its caller's requests in flight, or null (the cap is
   * off); {@code request} is the one the proxy was given ({@link ForwardedRequest}).
   */
  static InFlightLimiter.Place inFlightPlace(HttpServerRequest request) {
    return request instanceof ForwardedRequest forwarded ? forwarded.inFlightPlace() : null;
  }

  private void reject(RoutingContext rc, ProblemException problem) {
    HttpServerRequest request = rc.request();
    if (expectsContinue(request) && !request.isEnded()) {
      // refused before its body was asked for: the client will not send it, so the connection
      // cannot carry another request (RFC 9110 10.1.1)
      rc.response().putHeader(HttpHeaders.CONNECTION, "close");
      rc.response().endHandler(v -> request.connection().close());
    }
    registry
        .counter("gateway.requests.rejected", "status", Integer.toString(problem.kind().status))
        .increment();
    problem.headers().forEach(rc.response()::putHeader);
    Problems.respond(rc, problem.kind(), problem.getMessage(), problem.violations());
  }

  private static long contentLength(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return 0; // not a length: Vert.x refuses the request itself
    }
  }

  private static void failure(RoutingContext rc) {
    int status = rc.statusCode();
    if (status < 400 || status >= 500) {
      // a 4xx is the client's mistake, answered below; anything else is the gateway's
      LOG.errorf(
          rc.failure(), "Gateway failure on %s %s", rc.request().method(), rc.normalizedPath());
    }
    if (rc.response().headWritten()) {
      // the status is out: only the connection (HTTP/2: the stream) can tell the client
      ForwardedRequest.abort(rc.request());
      return;
    }
    if (status == 404) {
      Problems.respond(rc, Kind.NOT_FOUND, "No API route for " + rc.request().path());
    } else if (status >= 400 && status < 500) {
      Problems.respond(rc, Kind.BAD_REQUEST, "The request could not be processed");
    } else {
      Problems.respond(rc, Kind.INTERNAL, "The gateway failed to handle the request");
    }
  }

  /**
   * {@code gateway.pool.keep-alive-timeout} in the whole seconds Vert.x keeps idle connections for,
   * rounded up; under a second fails the start. Truncated, {@code 500ms} would be 0, which Vert.x
   * reads as "never expire".
   */
  static int keepAliveSeconds(Duration keepAlive) {
    if (keepAlive.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          "gateway.pool.keep-alive-timeout must be at least 1s, but is "
              + keepAlive
              + ": idle upstream connections are kept for whole seconds, and 0 would keep them"
              + " forever");
    }
    long seconds = keepAlive.getSeconds() + (keepAlive.getNano() > 0 ? 1 : 0);
    if (seconds > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "gateway.pool.keep-alive-timeout must be at most " + Integer.MAX_VALUE + " s");
    }
    return (int) seconds;
  }

  private HttpClientOptions clientOptions(int keepAliveSeconds) {
    return new HttpClientOptions()
        .setName("gateway-upstreams")
        .setKeepAlive(true)
        .setKeepAliveTimeout(keepAliveSeconds)
        .setConnectTimeout(Math.toIntExact(config.connectTimeout().toMillis()))
        .setTcpNoDelay(true)
        // Bodies pass through byte for byte: never ask for or undo a content encoding.
        .setTryUseCompression(false)
        .setDecompressionSupported(false);
  }

  /**
   * The configured limits per upstream, shared out between the pools of the event loops (rounded
   * down, at least one connection and one waiting request per loop).
   */
  private PoolOptions poolOptions(int loops) {
    int waitQueue = config.pool().maxWaitQueueSize();
    return new PoolOptions()
        .setHttp1MaxSize(share(config.pool().maxSize(), loops))
        .setMaxWaitQueueSize(waitQueue < 0 ? waitQueue : share(waitQueue, loops));
  }

  private static int share(int total, int loops) {
    return Math.max(1, total / loops);
  }

  private int eventLoops() {
    int loops = 0;
    for (var ignored : ((VertxInternal) vertx).getEventLoopGroup()) {
      loops++;
    }
    return Math.max(1, loops);
  }
}
