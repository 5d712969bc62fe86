package io.tollgate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Validates JSON documents, such as event payloads, against JSON Schemas (draft 2020-12 unless the
 * schema says otherwise) kept on the class path. {@code format} is asserted, not just annotated,
 * and relative {@code $ref}s resolve against the schema's own location.
 *
 * <pre>{@code
 * JsonSchemas.assertValid("schemas/project-created.v1.json", record.value());
 * }</pre>
 */
public final class JsonSchemas {

  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
  private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

  private JsonSchemas() {}

  /**
   * Fails with every violation, one per line, when {@code json} does not match the schema at {@code
   * schemaClasspathResource} (e.g. {@code schemas/project-created.v1.json}).
   */
  public static void assertValid(String schemaClasspathResource, String json) {
    List<String> violations = violations(schemaClasspathResource, json);
    if (!violations.isEmpty()) {
      throw new AssertionError(
          "JSON does not match schema "
              + schemaClasspathResource
              + ":\n  "
              + String.join("\n  ", violations)
              + "\ndocument: "
              + json);
    }
  }

  /**
   * The violations of the schema by {@code json}, e.g. {@code $.id: is missing}; empty if valid.
   */
  public static List<String> violations(String schemaClasspathResource, String json) {
    JsonSchema schema =
        CACHE.computeIfAbsent(normalise(schemaClasspathResource), JsonSchemas::load);
    try {
      return schema.validate(json, InputFormat.JSON).stream()
          .map(ValidationMessage::getMessage)
          .sorted()
          .collect(Collectors.toList());
    } catch (IllegalArgumentException e) {
      // thrown by the validator for input that is not JSON at all
      return List.of("not JSON: " + e.getMessage());
    }
  }

  /**
   * Fails unless {@code json} matches the schema and carries no field the schema does not declare
   * ({@link #undocumented}). Schemas stay open so that readers accept additive changes; a
   * producer's own events are checked with this, so that a field it adds, renames or moves without
   * the document changing fails its tests.
   */
  public static void assertConforms(String schemaClasspathResource, String json) {
    assertValid(schemaClasspathResource, json);
    List<String> undocumented = undocumented(schemaClasspathResource, json);
    if (!undocumented.isEmpty()) {
      throw new AssertionError(
          "JSON has fields schema "
              + schemaClasspathResource
              + " does not declare: "
              + String.join(", ", undocumented)
              + "\ndocument: "
              + json);
    }
  }

  /**
   * The paths (e.g. {@code $.data.dueDate}) of the fields of {@code json} that no schema applying
   * at that point declares in its {@code properties}, following {@code $ref} (within the document
   * and to other files beside it), {@code allOf}, {@code anyOf} and {@code oneOf}, and {@code
   * items} into arrays. An object whose schemas declare no properties, or allow others ({@code
   * additionalProperties} other than {@code false}, {@code patternProperties}), is not looked into.
   */
  public static List<String> undocumented(String schemaClasspathResource, String json) {
    String resource = normalise(schemaClasspathResource);
    URL url = find(resource);
    if (url == null) {
      throw new AssertionError("schema " + resource + " is not on the class path");
    }
    JsonNode instance;
    try {
      instance = JSON.readTree(json);
    } catch (IOException e) {
      return List.of("not JSON: " + e.getMessage());
    }
    JsonNode root = read(url);
    List<String> found = new ArrayList<>();
    walk(List.of(new Located(root, url, root)), instance, "$", found);
    return found;
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A schema node, with the document it is in (for resolving its references). */
  private record Located(JsonNode node, URL base, JsonNode root) {}

  private static void walk(
      List<Located> schemas, JsonNode instance, String path, List<String> out) {
    List<Located> applied = new ArrayList<>();
    schemas.forEach(s -> expand(s, applied, 0));
    if (instance.isObject()) {
      boolean open =
          applied.stream()
              .anyMatch(
                  s ->
                      s.node().has("patternProperties")
                          || (s.node().has("additionalProperties")
                              && !s.node().get("additionalProperties").equals(BooleanNode.FALSE)));
      if (open || applied.stream().noneMatch(s -> s.node().has("properties"))) {
        return;
      }
      instance
          .fields()
          .forEachRemaining(
              field -> {
                List<Located> declaring =
                    applied.stream()
                        .filter(s -> s.node().path("properties").has(field.getKey()))
                        .map(
                            s ->
                                new Located(
                                    s.node().get("properties").get(field.getKey()),
                                    s.base(),
                                    s.root()))
                        .toList();
                String at = path + "." + field.getKey();
                if (declaring.isEmpty()) {
                  out.add(at);
                } else {
                  walk(declaring, field.getValue(), at, out);
                }
              });
    } else if (instance.isArray()) {
      List<Located> items =
          applied.stream()
              .filter(s -> s.node().has("items"))
              .map(s -> new Located(s.node().get("items"), s.base(), s.root()))
              .toList();
      for (int i = 0; i < instance.size() && !items.isEmpty(); i++) {
        walk(items, instance.get(i), path + "[" + i + "]", out);
      }
    }
  }

  /** {@code schema} and every schema it brings in by reference or composition. */
  private static void expand(Located schema, List<Located> into, int depth) {
    if (!schema.node().isObject() || depth > 32) {
      return;
    }
    into.add(schema);
    JsonNode ref = schema.node().get("$ref");
    if (ref != null) {
      expand(resolve(schema, ref.asText()), into, depth + 1);
    }
    for (String composition : List.of("allOf", "anyOf", "oneOf")) {
      for (JsonNode branch : schema.node().path(composition)) {
        expand(new Located(branch, schema.base(), schema.root()), into, depth + 1);
      }
    }
  }

  private static Located resolve(Located from, String ref) {
    int hash = ref.indexOf('#');
    String file = hash < 0 ? ref : ref.substring(0, hash);
    String pointer = hash < 0 ? "" : ref.substring(hash + 1);
    try {
      URL base = file.isEmpty() ? from.base() : new URL(from.base(), file);
      JsonNode root = file.isEmpty() ? from.root() : read(base);
      return new Located(pointer.isEmpty() ? root : root.at(pointer), base, root);
    } catch (MalformedURLException e) {
      throw new AssertionError("cannot resolve $ref " + ref + " from " + from.base(), e);
    }
  }

  private static JsonNode read(URL url) {
    try (InputStream in = url.openStream()) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new AssertionError("cannot read schema " + url, e);
    }
  }

  private static String normalise(String resource) {
    return resource.startsWith("/") ? resource.substring(1) : resource;
  }

  private static JsonSchema load(String resource) {
    if (find(resource) == null) {
      throw new AssertionError("schema " + resource + " is not on the class path");
    }
    return FACTORY.getSchema(SchemaLocation.of("classpath:" + resource), CONFIG);
  }

  private static URL find(String resource) {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    URL url = context == null ? null : context.getResource(resource);
    return url != null ? url : JsonSchemas.class.getClassLoader().getResource(resource);
  }
}
