package io.tollgate.gateway.proxy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/** RFC 9457 problem details for the answers the gateway gives itself. */
final class Problems {

  static final String MEDIA_TYPE = "application/problem+json";

  // Same base URI as the services' problem types, so clients see one vocabulary.
  private static final String TYPE_BASE = "https://tollgate.io/problems/";

  /** The problems the gateway itself can answer with. */
  enum Kind {
    BAD_REQUEST(400, "validation", "Request is not valid"),
    NOT_FOUND(404, "not-found", "Resource not found"),
    INTERNAL(500, "internal", "Internal error"),
    BAD_GATEWAY(502, "bad-gateway", "Upstream service unavailable"),
    GATEWAY_TIMEOUT(504, "gateway-timeout", "Upstream service timed out");

    final int status;
    final String type;
    final String title;

    Kind(int status, String slug, String title) {
      this.status = status;
      this.type = TYPE_BASE + slug;
      this.title = title;
    }
  }

  private Problems() {}

  /**
   * The body of a problem.
   *
   * @param instance the request path the problem occurred on
   * @param requestId the request's {@code X-Request-Id}, so a client can quote it to operators
   */
  static Buffer body(Kind kind, String detail, String instance, String requestId) {
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
    return problem.toBuffer();
  }
}
