package io.tollgate.rest;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes a problem straight from a Vert.x route, for the refusals that happen before a request
 * reaches Quarkus REST (and its exception mappers).
 */
final class RoutingProblems {

  private RoutingProblems() {}

  /**
   * Ends the response with a problem of this type, unless it has already started.
   *
   * @param instance the request path the problem is about, or {@code null} when it has none that a
   *     client could use (a path that does not decode)
   */
  static HttpServerResponse end(
      RoutingContext ctx, ProblemType type, String detail, String instance) {
    HttpServerResponse response = ctx.response();
    if (response.headWritten() || response.closed()) {
      return response;
    }
    JsonObject problem =
        new JsonObject()
            .put("type", type.uri().toString())
            .put("title", type.title())
            .put("status", type.status())
            .put("detail", detail);
    if (instance != null) {
      problem.put("instance", instance);
    }
    String requestId = ctx.request().getHeader(io.tollgate.http.RequestIds.HEADER);
    if (io.tollgate.http.RequestIds.accepted(requestId)) {
      problem.put("requestId", requestId);
    }
    response
        .setStatusCode(type.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .end(problem.toBuffer());
    return response;
  }
}
