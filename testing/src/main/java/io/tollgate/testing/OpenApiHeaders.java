package io.tollgate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the headers of a real response with what an OpenAPI document (as JSON) says its
 * operation answers, so that a client generated from the document can rely on it: every header the
 * response carries is documented for its status, and every header documented as required is there.
 */
public final class OpenApiHeaders {

  private OpenApiHeaders() {}

  /**
   * The differences, e.g. {@code "GET /api/v1/x/{id} 200: ETag sent but not documented"}; empty if
   * none. Only the headers named in {@code watched} are compared (the transport's own, such as
   * {@code Content-Length}, are not the document's business).
   *
   * @param path the request's path, matched against the document's path templates
   */
  public static List<String> differences(
      JsonNode document, String method, String path, Response response, Set<String> watched) {
    String template = template(document, path);
    String status = Integer.toString(response.statusCode());
    String name = method.toUpperCase(Locale.ROOT) + " " + template + " " + status;
    List<String> differences = new ArrayList<>();
    if (template == null) {
      differences.add(method + " " + path + ": no such path in the document");
      return differences;
    }
    JsonNode documented =
        resolve(
            document,
            document
                .path("paths")
                .path(template)
                .path(method.toLowerCase(Locale.ROOT))
                .path("responses")
                .path(status));
    if (documented.isMissingNode()) {
      differences.add(name + ": status not documented");
      return differences;
    }
    Set<String> sent = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    response.getHeaders().forEach(h -> sent.add(h.getName()));
    Set<String> declared = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (Iterator<Map.Entry<String, JsonNode>> headers = documented.path("headers").fields();
        headers.hasNext(); ) {
      Map.Entry<String, JsonNode> header = headers.next();
      declared.add(header.getKey());
      JsonNode definition = resolve(document, header.getValue());
      if (definition.path("required").asBoolean() && !sent.contains(header.getKey())) {
        differences.add(name + ": " + header.getKey() + " documented as required but not sent");
      }
    }
    for (String header : watched) {
      if (sent.contains(header) && !declared.contains(header)) {
        differences.add(name + ": " + header + " sent but not documented");
      }
    }
    return differences;
  }

  /**
   * The most specific path template of {@code document} that matches {@code path} (a query is
   * ignored): literal segments win.
   */
  public static String template(JsonNode document, String path) {
    String[] segments = path.split("\\?", 2)[0].split("/", -1);
    String best = null;
    int bestLiterals = -1;
    for (Iterator<String> names = document.path("paths").fieldNames(); names.hasNext(); ) {
      String candidate = names.next();
      String[] parts = candidate.split("/", -1);
      if (parts.length != segments.length) {
        continue;
      }
      int literals = 0;
      boolean matches = true;
      for (int i = 0; i < parts.length && matches; i++) {
        if (parts[i].startsWith("{") && parts[i].endsWith("}")) {
          matches = !segments[i].isEmpty();
        } else {
          matches = parts[i].equals(segments[i]);
          literals++;
        }
      }
      if (matches && literals > bestLiterals) {
        best = candidate;
        bestLiterals = literals;
      }
    }
    return best;
  }

  private static JsonNode resolve(JsonNode document, JsonNode node) {
    String ref = node.path("$ref").asText("");
    if (!ref.startsWith("#/")) {
      return node;
    }
    JsonNode target = document;
    for (String part : ref.substring(2).split("/")) {
      target = target.path(part);
    }
    return target;
  }
}
