package io.tollgate.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}).
 *
 * @param violations for validation problems, one entry per offending field
 * @param extensions further members specific to the problem type (e.g. the failed gate criteria)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(
    name = "Problem",
    description =
        "RFC 9457 problem details; requestId is the X-Request-Id the request came with (the"
            + " gateway gives every request one), for finding it in the logs",
    example =
        "{\"type\":\"https://tollgate.io/problems/validation\",\"title\":\"Request is not valid\","
            + "\"status\":400,\"detail\":\"1 field is not valid\",\"instance\":\"/api/v1/projects\","
            + "\"violations\":[{\"field\":\"key\",\"message\":\"must not be blank\"}]}")
public record Problem(
    URI type,
    String title,
    int status,
    String detail,
    @Schema(
            format = "uri-reference",
            description = "The request's path, e.g. /api/v1/projects (a URI reference)")
        URI instance,
    List<Violation> violations,
    @com.fasterxml.jackson.annotation.JsonIgnore @Schema(hidden = true)
        Map<String, Object> extensions) {

  public static final String MEDIA_TYPE = "application/problem+json";

  /**
   * One invalid field, by its path in the body ({@code budget.amount}, {@code
   * overriddenRuleIds[0]}) or a parameter by its name, and what is wrong with it.
   */
  @Schema(name = "Violation")
  public record Violation(String field, String message) {}

  /**
   * The {@code instance} member for a request path as JAX-RS hands it over, i.e. already decoded:
   * characters a URI cannot hold ({@code /projects/{id}}, a space, a {@code %} that was {@code
   * %25}) are percent-encoded again, so that a request a client got wrong is still answered with a
   * problem instead of failing while its problem is built. So are characters outside ASCII (a
   * fullwidth digit in an id), which a URI reference (RFC 3986) cannot hold either.
   */
  public static URI instance(String decodedPath) {
    if (decodedPath == null) {
      return null;
    }
    try {
      return URI.create(new URI(null, null, decodedPath, null).toASCIIString());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }

  @com.fasterxml.jackson.annotation.JsonAnyGetter
  public Map<String, Object> extensionMembers() {
    return extensions;
  }
}
