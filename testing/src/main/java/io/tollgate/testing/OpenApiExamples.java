package io.tollgate.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
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
    eachOperation(
        document,
        (name, op) -> {
          JsonNode request = op.path("requestBody").path("content").path("application/json");
          if (!request.isMissingNode() && !hasExample(document, request)) {
            missing.add(name + " request");
          }
          for (Iterator<Map.Entry<String, JsonNode>> responses = op.path("responses").fields();
              responses.hasNext(); ) {
            Map.Entry<String, JsonNode> response = responses.next();
            JsonNode body = response.getValue().path("content").path("application/json");
            if (response.getKey().startsWith("2")
                && !body.isMissingNode()
                && !hasExample(document, body)) {
              missing.add(name + " " + response.getKey());
            }
          }
        });
    return missing;
  }

  /**
   * The examples that do not match their own schema, e.g. {@code "PATCH /api/v1/x request: $.name:
   * is missing"}: a schema's own example, and the example of each JSON request and response body. A
   * client validating what it sends against the document, or generated from it, must be able to
   * send what the document shows.
   */
  public static List<String> nonConforming(JsonNode document) {
    List<String> wrong = new ArrayList<>();
    JsonNode components = document.path("components");
    for (Iterator<Map.Entry<String, JsonNode>> schemas = components.path("schemas").fields();
        schemas.hasNext(); ) {
      Map.Entry<String, JsonNode> schema = schemas.next();
      // OpenAPI 3.1 keeps a schema's examples as a JSON Schema "examples" array
      List<JsonNode> examples = new ArrayList<>();
      schema.getValue().path("examples").forEach(examples::add);
      if (schema.getValue().has("example")) {
        examples.add(schema.getValue().get("example"));
      }
      for (JsonNode example : examples) {
        check(
            wrong,
            "schema " + schema.getKey(),
            new ObjectMapper()
                .createObjectNode()
                .put("$ref", "#/components/schemas/" + schema.getKey()),
            example,
            components);
      }
    }
    eachOperation(
        document,
        (name, op) -> {
          for (Iterator<Map.Entry<String, JsonNode>> media =
                  op.path("requestBody").path("content").fields();
              media.hasNext(); ) {
            JsonNode body = media.next().getValue();
            if (body.has("example")) {
              check(wrong, name + " request", body.path("schema"), body.get("example"), components);
            }
          }
          for (Iterator<Map.Entry<String, JsonNode>> responses = op.path("responses").fields();
              responses.hasNext(); ) {
            Map.Entry<String, JsonNode> response = responses.next();
            JsonNode body = response.getValue().path("content").path("application/json");
            if (body.has("example")) {
              check(
                  wrong,
                  name + " " + response.getKey(),
                  body.path("schema"),
                  body.get("example"),
                  components);
            }
          }
        });
    return wrong;
  }

  /** Each operation of the document, named like {@code "GET /api/v1/x"}. */
  private static void eachOperation(
      JsonNode document, java.util.function.BiConsumer<String, JsonNode> visitor) {
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        visitor.accept(
            op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey(), op.getValue());
      }
    }
  }

  private static void check(
      List<String> wrong, String where, JsonNode schema, JsonNode example, JsonNode components) {
    ObjectNode root = schema.deepCopy();
    root.set("components", components);
    // an example given as text (as SmallRye keeps a schema's example) is the JSON it spells
    JsonNode value = example;
    if (example.isTextual() && example.asText().matches("(?s)\\s*[\\[{].*")) {
      try {
        value = new ObjectMapper().readTree(example.asText());
      } catch (JsonProcessingException notJson) {
        value = example;
      }
    }
    for (ValidationMessage message : FACTORY.getSchema(root, CONFIG).validate(value)) {
      wrong.add(where + ": " + message.getMessage());
    }
  }

  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

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
