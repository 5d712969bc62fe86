package io.tollgate.testing;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.net.URL;
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
