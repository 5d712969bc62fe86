package io.tollgate.gateway.http;

import io.tollgate.gateway.http.Problems.Kind;
import io.vertx.core.json.JsonArray;
import java.util.Map;

/**
 * A request the gateway answers with a problem instead of serving it; failed futures carry it to
 * the one place that writes the response. No stack trace: it is an answer, not a bug.
 */
public final class ProblemException extends RuntimeException {

  private final Kind kind;
  private final Map<String, String> headers;
  private final JsonArray violations;

  public ProblemException(Kind kind, String detail) {
    this(kind, detail, Map.of(), null);
  }

  public ProblemException(Kind kind, String detail, Map<String, String> headers) {
    this(kind, detail, headers, null);
  }

  public ProblemException(
      Kind kind, String detail, Map<String, String> headers, JsonArray violations) {
    super(detail, null, false, false);
    this.kind = kind;
    this.headers = Map.copyOf(headers);
    this.violations = violations;
  }

  /** A 400 listing the offending fields. */
  public static ProblemException invalid(JsonArray violations) {
    int n = violations.size();
    return new ProblemException(
        Kind.BAD_REQUEST,
        n + (n == 1 ? " field is" : " fields are") + " not valid",
        Map.of(),
        violations);
  }

  public Kind kind() {
    return kind;
  }

  /** Headers that belong to the answer, e.g. {@code WWW-Authenticate} or {@code Retry-After}. */
  public Map<String, String> headers() {
    return headers;
  }

  public JsonArray violations() {
    return violations;
  }
}
