package io.tollgate.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import io.tollgate.testing.OpenApiHeaders;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks every answer of the API that a test of this service receives through REST Assured against
 * the service's own OpenAPI document, as a client generated from it would read it: the body must
 * match the schema documented for its operation, status and media type (a field that comes back
 * null must be documented as nullable), and carry no field the schema does not declare. A
 * difference fails the request, and so the test that made it, with what differs; every API test is
 * thus a test of the document, which cannot drift from the code unseen.
 *
 * <p>Installed before each test by Quarkus (this class is a {@link QuarkusTestBeforeEachCallback},
 * listed in {@code META-INF/services}). Answers to paths and methods the document does not have (a
 * 405 for a method no operation takes, say) and answers without a body are not looked at here;
 * {@link DocumentationTest} checks that the shared problem answers are documented.
 */
public class DocumentedAnswers implements QuarkusTestBeforeEachCallback {

  @Override
  public void beforeEach(QuarkusTestMethodContext context) {
    if (RestAssured.filters().stream().noneMatch(Check.class::isInstance)) {
      RestAssured.filters(new Check());
    }
  }

  /** Whether the check is in place, for a test that relies on it. */
  static boolean installed() {
    return RestAssured.filters().stream().anyMatch(Check.class::isInstance);
  }

  /** The REST Assured filter that compares each answer with the document. */
  static final class Check implements Filter {

    @Override
    public Response filter(
        FilterableRequestSpecification request,
        FilterableResponseSpecification responseSpec,
        FilterContext context) {
      Response response = context.next(request, responseSpec);
      URI uri = URI.create(request.getURI());
      if (uri.getPath().startsWith("/api/")) {
        List<String> differences =
            differences(
                document(uri), request.getMethod(), uri.getPath(), response, response.asString());
        if (!differences.isEmpty()) {
          throw new AssertionError(
              request.getMethod()
                  + " "
                  + uri
                  + " answered what /q/openapi does not describe:\n  "
                  + String.join("\n  ", differences)
                  + "\nbody: "
                  + response.asString());
        }
      }
      return response;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
  private static final Map<String, JsonNode> DOCUMENTS = new ConcurrentHashMap<>();
  private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

  /** The document the service at {@code uri} serves, read once; not through REST Assured. */
  private static JsonNode document(URI uri) {
    String base = uri.getScheme() + "://" + uri.getAuthority();
    return DOCUMENTS.computeIfAbsent(
        base,
        b -> {
          try {
            return JSON.readTree(
                HttpClient.newHttpClient()
                    .send(
                        HttpRequest.newBuilder(URI.create(b + "/q/openapi?format=json")).build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body());
          } catch (IOException e) {
            throw new AssertionError("cannot read " + b + "/q/openapi", e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted reading " + b + "/q/openapi", e);
          }
        });
  }

  /**
   * What in {@code response} the document does not describe, e.g. {@code "GET /api/v1/projects/{id}
   * 200: $.budget: null found, object expected"}; empty when it matches.
   */
  static List<String> differences(
      JsonNode document, String method, String path, Response response, String body) {
    List<String> differences = new ArrayList<>();
    String template = OpenApiHeaders.template(document, path);
    JsonNode operation =
        template == null
            ? null
            : document.path("paths").path(template).get(method.toLowerCase(Locale.ROOT));
    if (operation == null || body.isEmpty()) {
      return differences;
    }
    String status = Integer.toString(response.statusCode());
    String name = method.toUpperCase(Locale.ROOT) + " " + template + " " + status;
    JsonNode documented = operation.path("responses").path(status);
    if (documented.isMissingNode()) {
      differences.add(name + ": status not documented");
      return differences;
    }
    String mediaType = response.contentType().split(";", 2)[0].trim();
    JsonNode content = documented.path("content").path(mediaType);
    if (content.isMissingNode()) {
      differences.add(name + ": " + mediaType + " not documented");
      return differences;
    }
    JsonNode schema = content.path("schema");
    if (schema.isMissingNode()) {
      differences.add(name + ": " + mediaType + " has no schema");
      return differences;
    }
    JsonNode instance;
    try {
      instance = JSON.readTree(body);
    } catch (IOException e) {
      differences.add(name + ": not JSON: " + e.getMessage());
      return differences;
    }
    JsonNode components = document.path("components");
    JsonSchema validator =
        SCHEMAS.computeIfAbsent(
            System.identityHashCode(document) + " " + name + " " + mediaType,
            key -> {
              ObjectNode root = schema.deepCopy();
              root.set("components", components);
              return FACTORY.getSchema(root, CONFIG);
            });
    for (ValidationMessage message : validator.validate(instance)) {
      differences.add(name + ": " + message.getMessage());
    }
    List<String> undeclared = new ArrayList<>();
    undeclared(document, List.of(schema), instance, "$", undeclared);
    undeclared.forEach(field -> differences.add(name + ": " + field + " is not documented"));
    return differences;
  }

  /**
   * The fields of {@code instance} that no schema applying to it declares, following {@code $ref},
   * {@code allOf}, {@code anyOf} and {@code oneOf}, and {@code items} into arrays. An object whose
   * schemas declare no properties, or allow others ({@code additionalProperties} other than {@code
   * false}), is not looked into: its members are free (a problem's extension members, a history
   * entry's before and after).
   */
  private static void undeclared(
      JsonNode document, List<JsonNode> schemas, JsonNode instance, String path, List<String> out) {
    List<JsonNode> applied = new ArrayList<>();
    schemas.forEach(s -> expand(document, s, applied, 0));
    if (instance.isObject()) {
      boolean open =
          applied.stream()
              .anyMatch(
                  s ->
                      s.has("patternProperties")
                          || (s.has("additionalProperties")
                              && !s.get("additionalProperties").equals(BooleanNode.FALSE)));
      if (open || applied.stream().noneMatch(s -> s.has("properties"))) {
        return;
      }
      for (Iterator<Map.Entry<String, JsonNode>> fields = instance.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        List<JsonNode> declaring =
            applied.stream()
                .filter(s -> s.path("properties").has(field.getKey()))
                .map(s -> s.get("properties").get(field.getKey()))
                .toList();
        if (declaring.isEmpty()) {
          out.add(path + "." + field.getKey());
        } else {
          undeclared(document, declaring, field.getValue(), path + "." + field.getKey(), out);
        }
      }
    } else if (instance.isArray()) {
      List<JsonNode> items =
          applied.stream().filter(s -> s.has("items")).map(s -> s.get("items")).toList();
      for (int i = 0; i < instance.size() && !items.isEmpty(); i++) {
        undeclared(document, items, instance.get(i), path + "[" + i + "]", out);
      }
    }
  }

  private static void expand(JsonNode document, JsonNode schema, List<JsonNode> into, int depth) {
    if (!schema.isObject() || depth > 32) {
      return;
    }
    into.add(schema);
    String ref = schema.path("$ref").asText("");
    if (ref.startsWith("#/")) {
      expand(document, document.at(ref.substring(1)), into, depth + 1);
    }
    for (String composition : List.of("allOf", "anyOf", "oneOf")) {
      for (JsonNode branch : schema.path(composition)) {
        expand(document, branch, into, depth + 1);
      }
    }
  }
}
