package io.tollgate.gateway.docs;

import io.tollgate.gateway.http.Problems;
import io.tollgate.gateway.http.Problems.Kind;
import io.tollgate.gateway.security.SecurityHeaders;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * The first handler of every document route (the API documents, Swagger UI): gives the answer the
 * documents' security headers, lets {@code GET} and {@code HEAD} through, and answers any other
 * method with a 405 problem naming them in {@code Allow}. The routes take every method so that
 * this, not the router, answers: the router's 405 has no body and none of these headers.
 */
final class ReadOnlyDocuments {

  static final String ALLOWED = "GET, HEAD";

  private ReadOnlyDocuments() {}

  static void check(RoutingContext rc) {
    SecurityHeaders.addToDocument(rc);
    HttpMethod method = rc.request().method();
    if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
      rc.next();
      return;
    }
    rc.response().putHeader(HttpHeaders.ALLOW, ALLOWED);
    Problems.respond(
        rc,
        Kind.METHOD_NOT_ALLOWED,
        method.name() + " is not allowed on " + rc.request().path() + "; allowed: " + ALLOWED);
  }
}
