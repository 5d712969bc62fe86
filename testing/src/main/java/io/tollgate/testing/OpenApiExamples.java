package io.tollgate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Finds the operations of an OpenAPI document (as JSON) whose JSON request body or successful JSON
 * response has no example, so that a frontend team reading the document always sees one. An example
 * counts where OpenAPI puts it: on the media type ({@code example}, {@code examples}) or on the
 * schema it refers to, directly or as the items of an array.
 */
public final class OpenApiExamples {

  private OpenApiExamples() {}

  /** E.g. {@code "GET /api/v1/x 200"} for each body without an example; empty if none lacks one. */
  public static List<String> missing(JsonNode document) {
    List<String> missing = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        String name = op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
        JsonNode request =
            op.getValue().path("requestBody").path("content").path("application/json");
        if (!request.isMissingNode() && !hasExample(document, request)) {
          missing.add(name + " request");
        }
        for (Iterator<Map.Entry<String, JsonNode>> responses =
                op.getValue().path("responses").fields();
            responses.hasNext(); ) {
          Map.Entry<String, JsonNode> response = responses.next();
          JsonNode body = response.getValue().path("content").path("application/json");
          if (response.getKey().startsWith("2")
              && !body.isMissingNode()
              && !hasExample(document, body)) {
            missing.add(name + " " + response.getKey());
          }
        }
      }
    }
    return missing;
  }

  private static boolean hasExample(JsonNode document, JsonNode mediaType) {
    if (mediaType.has("example") || mediaType.has("examples")) {
      return true;
    }
    JsonNode schema = mediaType.path("schema");
    if (schema.path("type").asText().equals("array") || schema.has("items")) {
      schema = schema.path("items");
    }
    String ref = schema.path("$ref").asText("");
    JsonNode target = ref.startsWith("#/") ? document.at(ref.substring(1)) : schema;
    return target.has("example") || target.has("examples");
  }
}
