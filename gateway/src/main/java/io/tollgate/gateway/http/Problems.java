package io.tollgate.gateway.http;

import io.tollgate.gateway.security.SecurityHeaders;
import io.tollgate.http.RequestHeads;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** RFC 9457 problem details for the answers the gateway gives itself. */
public final class Problems {

  public static final String MEDIA_TYPE = "application/problem+json";

  /** The correlation header every {@code /api} response carries. */
  public static final String REQUEST_ID = RequestIds.HEADER;

  // Same base URI and slugs as the services' problem types, so clients see one vocabulary.
  private static final String TYPE_BASE = "https://tollgate.io/problems/";

  /** The problems the gateway itself can answer with. */
  public enum Kind {
    BAD_REQUEST(400, "validation", "Request is not valid"),
    MALFORMED_BODY(400, "malformed-body", "Request body is not valid JSON"),
    UNAUTHORIZED(401, "unauthorized", "Authentication required"),
    FORBIDDEN(403, "forbidden", "Not allowed"),
    NOT_FOUND(404, "not-found", "Resource not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    REQUEST_TIMEOUT(408, "request-timeout", "Request body not received in time"),
    CONFLICT(409, "conflict", "Conflict with the current state"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Request body too large"),
    URI_TOO_LONG(414, "uri-too-long", "Request target too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported content type"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused", "Idempotency-Key reused"),
    TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests"),
    HEADER_FIELDS_TOO_LARGE(431, "header-fields-too-large", "Request header fields too large"),
    INTERNAL(500, "internal", "Internal error"),
    BAD_GATEWAY(502, "bad-gateway", "Upstream service unavailable"),
    UNAVAILABLE(503, "unavailable", "Service unavailable"),
    GATEWAY_TIMEOUT(504, "gateway-timeout", "Upstream service timed out");

    public final int status;
    public final String type;
    public final String title;

    Kind(int status, String slug, String title) {
      this.status = status;
      this.type = TYPE_BASE + slug;
      this.title = title;
    }
  }

  /**
   * Why the gateway refuses a request's head (its target, its header fields; ADR 0019), as a
   * problem of 400, 414 or 431, or {@code null} if it takes it.
   */
  public static ProblemException refusedHead(HttpServerRequest request) {
    RequestHeads.Refusal refusal =
        RequestHeads.refusal(
            request.uri(), request.headers(), RequestHeads.MAX_HEADER_BYTES_AT_THE_GATEWAY);
    if (refusal == null) {
      int hosts = request.headers().getAll(HttpHeaders.HOST).size();
      // RFC 9112 section 3.2: a server must refuse it. Vert.x takes the first, so a client could
      // name any origin in it, which the gateway would write into Location and Link
      return hosts > 1
          ? new ProblemException(
              Kind.BAD_REQUEST,
              "A request has one Host header field (RFC 9112 section 3.2); this one has " + hosts)
          : null;
    }
    Kind kind =
        switch (refusal.status()) {
          case 414 -> Kind.URI_TOO_LONG;
          case 431 -> Kind.HEADER_FIELDS_TOO_LARGE;
          default -> Kind.BAD_REQUEST;
        };
    return new ProblemException(kind, refusal.detail());
  }

  private Problems() {}

  /**
   * The body of a problem.
   *
   * @param instance the request path the problem occurred on
   * @param requestId the request's {@code X-Request-Id}, so a client can quote it to operators
   */
  public static Buffer body(Kind kind, String detail, String instance, String requestId) {
    return json(kind, detail, instance, requestId).toBuffer();
  }

  /** A validation problem with one {@code {field, message}} entry per offending field. */
  public static Buffer body(
      Kind kind, String detail, String instance, String requestId, JsonArray violations) {
    return json(kind, detail, instance, requestId).put("violations", violations).toBuffer();
  }

  /** Answers the request with a problem unless the response has already started. */
  public static void respond(RoutingContext rc, Kind kind, String detail) {
    respond(rc, kind, detail, null);
  }

  /**
   * Answers the request with a problem, with field violations when given. On any path, whether or
   * not an earlier handler gave the request its id, the problem quotes one (the request's own when
   * it is sane, else a new one) and the answer carries it and the security headers.
   */
  public static void respond(RoutingContext rc, Kind kind, String detail, JsonArray violations) {
    HttpServerResponse response = rc.response();
    if (response.headWritten() || response.closed()) {
      return;
    }
    HttpServerRequest request = rc.request();
    String path = request.path();
    String requestId = RequestIds.resolve(request.getHeader(REQUEST_ID));
    SecurityHeaders.apply(request, response.headers());
    response
        .setStatusCode(kind.status)
        .putHeader(HttpHeaders.CONTENT_TYPE, MEDIA_TYPE)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .putHeader(REQUEST_ID, requestId)
        .end(
            violations == null
                ? body(kind, detail, path, requestId)
                : body(kind, detail, path, requestId, violations));
  }

  private static JsonObject json(Kind kind, String detail, String instance, String requestId) {
    JsonObject problem =
        new JsonObject()
            .put("type", kind.type)
            .put("title", kind.title)
            .put("status", kind.status)
            .put("detail", detail)
            .put("instance", instance);
    if (requestId != null) {
      problem.put("requestId", requestId);
    }
    return problem;
  }
}
