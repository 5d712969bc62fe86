package io.tollgate.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Answers a read whose {@code If-None-Match} names the resource's current {@code ETag} with {@code
 * 304 Not Modified} and no body (RFC 9110, 13.1.2): a client that polls a resource it already holds
 * learns that nothing changed without receiving it again. An {@code If-Match} is evaluated first
 * (13.2.2): a read whose If-Match names no current ETag is a 412, whatever its If-None-Match. Only
 * a successful read that carries an ETag is concerned, so lists and errors are answered as before;
 * a read marked {@link ContentTag} gets one here, a digest of its body.
 */
public class ConditionalGet {

  private final ObjectMapper mapper;

  ConditionalGet(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @ServerResponseFilter
  public void notModified(
      ContainerRequestContext request,
      ContainerResponseContext response,
      ResourceInfo resource,
      UriInfo uri) {
    String method = request.getMethod();
    if (response.getStatus() != 200 || !("GET".equals(method) || "HEAD".equals(method))) {
      return;
    }
    String etag = response.getHeaderString(HttpHeaders.ETAG);
    if (etag == null
        && response.getEntity() != null
        && resource != null
        && resource.getResourceMethod() != null
        && resource.getResourceMethod().isAnnotationPresent(ContentTag.class)) {
      etag = digestTag(mapper, response.getEntity());
      response.getHeaders().putSingle(HttpHeaders.ETAG, etag);
    }
    // RFC 9110 13.2.2: If-Match first, and a read too is answered 412 when it fails
    String ifMatch = request.getHeaderString(HttpHeaders.IF_MATCH);
    if (ifMatch != null && !ifMatch.isBlank()) {
      ProblemException failed =
          etag == null
              ? ifMatch.trim().equals("*")
                  ? null
                  : new ProblemException(
                      ProblemType.PRECONDITION_FAILED,
                      "If-Match "
                          + ifMatch
                          + " cannot match: this resource has no ETag; read it without If-Match")
              : Preconditions.ifMatchFails(
                  ifMatch, opaque(etag).replace("\"", ""), "read it without If-Match");
      if (failed != null) {
        response.setStatus(failed.type().status());
        response.getHeaders().remove(HttpHeaders.ETAG);
        response.setEntity(
            ProblemMappers.problem(
                failed.type(),
                failed.type().status(),
                failed.getMessage(),
                uri,
                List.of(),
                Map.of()),
            null,
            MediaType.valueOf(Problem.MEDIA_TYPE));
        return;
      }
    }
    String ifNoneMatch = request.getHeaderString(HttpHeaders.IF_NONE_MATCH);
    if (etag != null && ifNoneMatch != null && anyMatches(ifNoneMatch, etag)) {
      response.setStatus(304);
      response.setEntity(null);
      response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
    }
  }

  /**
   * A strong ETag for a body without a version: the first 128 bits of the SHA-256 of its JSON, as
   * the service writes it (its own ObjectMapper), so that equal bodies have equal tags.
   */
  static String digestTag(ObjectMapper mapper, Object body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(mapper.writeValueAsBytes(body));
      return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot digest the body of a read", e);
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
