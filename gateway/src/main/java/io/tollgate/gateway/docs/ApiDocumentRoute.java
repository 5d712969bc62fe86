package io.tollgate.gateway.docs;

import io.tollgate.gateway.config.GatewayConfig;
import io.tollgate.gateway.config.RouteTable;
import io.tollgate.gateway.config.Upstream;
import io.tollgate.gateway.http.Problems;
import io.tollgate.gateway.http.Problems.Kind;
import io.tollgate.gateway.proxy.GatewayRouter;
import io.tollgate.gateway.proxy.UpstreamFailures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * {@code GET /q/openapi} (and {@code HEAD}) on the gateway: one OpenAPI document (JSON) for
 * everything a client can call through it, merged from the services' own documents ({@link
 * ApiDocuments}) and the gateway's API-key operations. A client of the gateway cannot reach the
 * services' {@code /q/openapi} itself, and should not have to know which service owns which path.
 *
 * <p>It also passes on each producing service's AsyncAPI document, at {@code
 * /asyncapi/<service>/asyncapi.yaml}.
 *
 * <p>The services' documents are fetched when asked for and the merge is kept for a minute. A
 * service that does not answer is left out and named under {@code x-tollgate-missing}; such a
 * partial document is not kept, so the next request tries again.
 */
@ApplicationScoped
public class ApiDocumentRoute {

  static final String PATH = "/q/openapi";
  static final String EVENTS = "/asyncapi/";
  private static final long KEEP_MILLIS = 60_000;
  private static final Logger LOG = Logger.getLogger(ApiDocumentRoute.class);

  private final Vertx vertx;
  private final GatewayConfig config;
  private final GatewayRouter gatewayRouter;
  private JsonObject own;
  private HttpClient client;
  private volatile Kept kept;

  private record Kept(Buffer body, long untilMillis) {}

  ApiDocumentRoute(Vertx vertx, GatewayConfig config, GatewayRouter gatewayRouter) {
    this.vertx = vertx;
    this.config = config;
    this.gatewayRouter = gatewayRouter;
  }

  /** The route table the proxy itself uses, so that the documents describe what it serves. */
  private RouteTable routes() {
    return gatewayRouter
        .routeTable()
        .orElseThrow(() -> new IllegalStateException("the route table is not installed yet"));
  }

  void install(@Observes Router router) {
    own = ownDocument();
    client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setName("gateway-openapi")
                .setConnectTimeout(Math.toIntExact(config.connectTimeout().toMillis())));
    router.route(PATH).handler(ReadOnlyDocuments::check).handler(this::serve);
    router.route(EVENTS + "*").handler(ReadOnlyDocuments::check).handler(this::serveEventDocument);
  }

  /**
   * {@code GET /asyncapi/<service>/<file>}: a producing service's AsyncAPI document and the JSON
   * Schemas it refers to (relatively, so the references resolve under the same prefix), fetched
   * from the service's own {@code /asyncapi/<file>}; for integrators, who reach only the gateway.
   */
  private void serveEventDocument(RoutingContext rc) {
    String rest = rc.normalizedPath().substring(EVENTS.length());
    int slash = rest.indexOf('/');
    Upstream upstream = slash < 0 ? null : routes().routedUpstreams().get(rest.substring(0, slash));
    if (upstream == null) {
      Problems.respond(
          rc,
          Kind.NOT_FOUND,
          "no event document at "
              + rc.request().path()
              + "; they are at /asyncapi/<service>/asyncapi.yaml");
      return;
    }
    get(upstream, "/asyncapi" + rest.substring(slash))
        .onSuccess(
            response -> {
              if (response.statusCode() != 200) {
                Problems.respond(
                    rc,
                    Kind.NOT_FOUND,
                    upstream.name() + " has no event document at " + rc.request().path());
                return;
              }
              String type = response.getHeader(HttpHeaders.CONTENT_TYPE);
              response
                  .body()
                  .onSuccess(body -> respond(rc, type, body))
                  .onFailure(e -> unreachable(rc, upstream, e));
            })
        .onFailure(e -> unreachable(rc, upstream, e));
  }

  private static void unreachable(RoutingContext rc, Upstream upstream, Throwable e) {
    LOG.warnf("Event document %s from %s failed: %s", rc.request().path(), upstream.name(), e);
    Problems.respond(rc, Kind.BAD_GATEWAY, UpstreamFailures.detail(upstream.name(), e));
  }

  private void serve(RoutingContext rc) {
    Kept current = kept;
    if (current != null && System.currentTimeMillis() < current.untilMillis()) {
      respond(rc, current.body());
      return;
    }
    Map<String, Future<JsonObject>> fetches = new LinkedHashMap<>();
    RouteTable routes = routes();
    routes.routedUpstreams().forEach((name, upstream) -> fetches.put(name, fetch(upstream)));
    Future.join(fetches.values().stream().map(f -> (Future<?>) f).toList())
        .onComplete(
            done -> {
              SortedMap<String, JsonObject> documents = new TreeMap<>();
              SortedMap<String, String> missing = new TreeMap<>();
              SortedMap<String, String> failures = new TreeMap<>();
              fetches.forEach(
                  (name, fetch) -> {
                    if (fetch.succeeded()) {
                      documents.put(name, fetch.result());
                    } else {
                      missing.put(name, reason(fetch.cause()));
                      failures.put(name, String.valueOf(fetch.cause()));
                    }
                  });
              if (!missing.isEmpty()) {
                LOG.warnf("OpenAPI document without %s: %s", missing.keySet(), failures);
              }
              Buffer body = mergeUsable(documents, missing, routes).toBuffer();
              if (missing.isEmpty()) {
                kept = new Kept(body, System.currentTimeMillis() + KEEP_MILLIS);
              }
              respond(rc, body);
            });
  }

  /**
   * The merged document. A service document of a shape the merge cannot read (a response that is
   * not an object, say) is left out and named among the missing, as an unreachable one is, rather
   * than failing the merge and leaving the request without an answer.
   */
  private JsonObject mergeUsable(
      SortedMap<String, JsonObject> documents,
      SortedMap<String, String> missing,
      RouteTable routes) {
    try {
      return ApiDocuments.merge(own, documents, missing, routes);
    } catch (RuntimeException all) {
      SortedMap<String, JsonObject> usable = new TreeMap<>();
      documents.forEach(
          (name, document) -> {
            try {
              ApiDocuments.merge(own, new TreeMap<>(Map.of(name, document)), missing, routes);
              usable.put(name, document);
            } catch (RuntimeException e) {
              LOG.errorf(e, "OpenAPI document of %s cannot be merged; left out", name);
              missing.put(
                  name, "its document cannot be merged (" + e.getClass().getSimpleName() + ")");
            }
          });
      return ApiDocuments.merge(own, usable, missing, routes);
    }
  }

  private Future<JsonObject> fetch(Upstream upstream) {
    return get(upstream, PATH + "?format=json")
        .compose(
            response ->
                response.statusCode() == 200
                    ? response.body()
                    : Future.failedFuture(
                        new Unusable("it answered HTTP " + response.statusCode())))
        .compose(
            body -> {
              try {
                return Future.succeededFuture(body.toJsonObject());
              } catch (DecodeException e) {
                return Future.failedFuture(new Unusable("its document is not JSON"));
              }
            });
  }

  /** A service that answered, but not with its document: the reason is ours, in words. */
  private static final class Unusable extends VertxException {
    Unusable(String reason) {
      super(reason, true);
    }
  }

  /** Why a service's document is missing, for clients: never the failure's own text. */
  private static String reason(Throwable failure) {
    return failure instanceof Unusable ? failure.getMessage() : UpstreamFailures.reason(failure);
  }

  private Future<HttpClientResponse> get(Upstream upstream, String uri) {
    return client
        .request(
            new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(upstream.host())
                .setPort(upstream.port())
                .setSsl(upstream.ssl())
                .setURI(uri)
                .setIdleTimeout(config.timeout().toMillis()))
        .compose(request -> request.send());
  }

  private static void respond(RoutingContext rc, Buffer body) {
    respond(rc, "application/json", body);
  }

  private static void respond(RoutingContext rc, String contentType, Buffer body) {
    if (!rc.response().ended()) {
      if (contentType != null) {
        rc.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType);
      }
      rc.response().end(body);
    }
  }

  private static JsonObject ownDocument() {
    try (InputStream in =
        ApiDocumentRoute.class.getResourceAsStream("/META-INF/tollgate/gateway-openapi.json")) {
      return new JsonObject(Buffer.buffer(in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
