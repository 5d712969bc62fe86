package io.tollgate.rest;

import java.net.URI;

/** The problem types Tollgate's APIs answer with; each has a stable type URI and title. */
public enum ProblemType {
  VALIDATION(400, "validation", "Request is not valid"),
  MALFORMED_BODY(400, "malformed-body", "Request body is not valid JSON"),
  UNAUTHORIZED(401, "unauthorized", "Authentication required"),
  FORBIDDEN(403, "forbidden", "Not allowed"),
  NOT_FOUND(404, "not-found", "Resource not found"),
  METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
  NOT_ACCEPTABLE(406, "not-acceptable", "No acceptable representation"),
  CONFLICT(409, "conflict", "Conflict with the current state"),
  // after CONFLICT, which stays the type of a bare 409 (forStatus)
  CONTENDED(409, "contended", "Concurrent work on the same data"),
  PRECONDITION_FAILED(412, "precondition-failed", "Resource was modified"),
  PAYLOAD_TOO_LARGE(413, "payload-too-large", "Request body too large"),
  URI_TOO_LONG(414, "uri-too-long", "Request target too long"),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported content type"),
  IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused", "Idempotency-Key reused"),
  PRECONDITION_REQUIRED(428, "precondition-required", "If-Match required"),
  TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests"),
  HEADER_FIELDS_TOO_LARGE(431, "header-fields-too-large", "Request header fields too large"),
  INTERNAL(500, "internal", "Internal error"),
  UNAVAILABLE(503, "unavailable", "Service unavailable");

  private static final String BASE = "https://tollgate.io/problems/";

  private final int status;
  private final URI uri;
  private final String title;

  ProblemType(int status, String slug, String title) {
    this.status = status;
    this.uri = URI.create(BASE + slug);
    this.title = title;
  }

  public int status() {
    return status;
  }

  public URI uri() {
    return uri;
  }

  public String title() {
    return title;
  }

  /** The type for a bare HTTP status, used when a framework error carries only a status. */
  public static ProblemType forStatus(int status) {
    for (ProblemType type : values()) {
      if (type.status == status && type != MALFORMED_BODY && type != IDEMPOTENCY_KEY_REUSED) {
        return type;
      }
    }
    return status >= 500 ? INTERNAL : VALIDATION;
  }
}
