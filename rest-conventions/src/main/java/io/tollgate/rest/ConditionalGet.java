package io.tollgate.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Answers a read whose {@code If-None-Match} names the resource's current {@code ETag} with {@code
 * 304 Not Modified} and no body (RFC 9110, 13.1.2): a client that polls a resource it already holds
 * learns that nothing changed without receiving it again. Only a successful read that carries an
 * ETag is concerned, so lists and errors are answered as before.
 */
public class ConditionalGet {

  @ServerResponseFilter
  public void notModified(ContainerRequestContext request, ContainerResponseContext response) {
    String method = request.getMethod();
    if (response.getStatus() != 200 || !("GET".equals(method) || "HEAD".equals(method))) {
      return;
    }
    String etag = response.getHeaderString(HttpHeaders.ETAG);
    String ifNoneMatch = request.getHeaderString(HttpHeaders.IF_NONE_MATCH);
    if (etag != null && ifNoneMatch != null && anyMatches(ifNoneMatch, etag)) {
      response.setStatus(304);
      response.setEntity(null);
      response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
    }
  }

  /** If-None-Match compares weakly: {@code W/"3"} and {@code "3"} name the same version. */
  static boolean anyMatches(String ifNoneMatch, String etag) {
    if (ifNoneMatch.trim().equals("*")) {
      return true;
    }
    String current = opaque(etag);
    for (String candidate : ifNoneMatch.split(",")) {
      if (opaque(candidate.trim()).equals(current)) {
        return true;
      }
    }
    return false;
  }

  private static String opaque(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }
}
