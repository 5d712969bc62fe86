package io.tollgate.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks that keep a service's /q/openapi document and its README's endpoints table true to the
 * code: each operation named {@code "METHOD path"}, with its operationId, its refusals as problems
 * and examples that match their schemas. Which operations and refusals a service has stays in the
 * service's own test.
 */
public final class OpenApiOperations {

  private static final Pattern ENDPOINT_ROW =
      Pattern.compile("^\\|\\s*(GET|POST|PUT|PATCH|DELETE)\\s*\\|\\s*`([^`]+)`", Pattern.MULTILINE);

  private OpenApiOperations() {}

  /** The running service's /q/openapi document, read as the default REST Assured caller. */
  public static JsonNode document() {
    try {
      return new ObjectMapper()
          .readTree(given().queryParam("format", "json").get("/q/openapi").asString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Each operation of the document by "METHOD path". */
  public static Map<String, JsonNode> byName(JsonNode document) {
    Map<String, JsonNode> found = new HashMap<>();
    for (Iterator<String> paths = document.path("paths").fieldNames(); paths.hasNext(); ) {
      String path = paths.next();
      document
          .path("paths")
          .path(path)
          .fields()
          .forEachRemaining(
              e -> found.put(e.getKey().toUpperCase(Locale.ROOT) + " " + path, e.getValue()));
    }
    return found;
  }

  /**
   * The operation {@code name} ("METHOD path"), asserted to be in the document with {@code id} as
   * its operationId (a generated client's method name), a summary and a description.
   */
  public static JsonNode assertDocumented(
      Map<String, JsonNode> operations, String id, String name) {
    JsonNode op = operations.get(name);
    assertTrue(op != null, name + " is not in /q/openapi");
    assertEquals(id, op.path("operationId").asText(), name);
    assertTrue(op.hasNonNull("summary") && op.hasNonNull("description"), name);
    return op;
  }

  /** The operation documents its {@code status} answer as application/problem+json. */
  public static void assertProblem(JsonNode operation, String status, String name) {
    assertTrue(
        operation.path("responses").path(status).path("content").has("application/problem+json"),
        name + " does not document its " + status + " as a problem");
  }

  /** The operation documents an If-Match header parameter as required. */
  public static void assertIfMatchRequired(JsonNode operation, String name) {
    boolean required = false;
    for (JsonNode parameter : operation.path("parameters")) {
      required |=
          "If-Match".equalsIgnoreCase(parameter.path("name").asText())
              && parameter.path("required").asBoolean();
    }
    assertTrue(required, name + ": If-Match is documented as required");
  }

  /**
   * Every body of the {@code operations} has an example, and no example of theirs, nor of a schema
   * whose name matches {@code schemas} (e.g. {@code "Risk|RiskPage"}), breaks its schema.
   */
  public static void assertExamples(
      JsonNode document, Collection<String> operations, String schemas) {
    List<String> missing =
        OpenApiExamples.missing(document).stream()
            .filter(m -> operations.stream().anyMatch(op -> m.startsWith(op + " ")))
            .toList();
    assertEquals(List.of(), missing, "bodies without an example");
    String schema = "schema (" + schemas + ")\\b.*";
    List<String> wrong =
        OpenApiExamples.nonConforming(document).stream()
            .filter(
                m ->
                    operations.stream().anyMatch(op -> m.startsWith(op + " ")) || m.matches(schema))
            .toList();
    assertEquals(List.of(), wrong, "examples that break their schema");
  }

  /** "METHOD path" of each row of the README's endpoints table ({@code | GET | `/path` | ...}). */
  public static Set<String> readmeEndpoints(String readme) {
    Set<String> documented = new TreeSet<>();
    Matcher m = ENDPOINT_ROW.matcher(readme);
    while (m.find()) {
      documented.add(m.group(1) + " " + m.group(2));
    }
    return documented;
  }

  /** The README's endpoints table lists exactly the document's operations, no more, no fewer. */
  public static void assertReadmeListsExactly(Path readme, JsonNode document) throws IOException {
    Set<String> documented = readmeEndpoints(Files.readString(readme));
    Set<String> served = new TreeSet<>();
    byName(document).keySet().stream()
        .filter(name -> name.matches("(GET|POST|PUT|PATCH|DELETE) .*"))
        .forEach(served::add);
    assertFalse(served.isEmpty());
    assertEquals(served, documented, readme.getFileName() + " endpoints table vs /q/openapi");
  }

  /** Each of {@code operations} ("METHOD path") has its row in the README's endpoints table. */
  public static void assertReadmeLists(String readme, Collection<String> operations) {
    for (String name : operations) {
      String[] parts = name.split(" ");
      assertTrue(
          readme.contains("| " + parts[0] + " | `" + parts[1] + "` |"),
          name + " missing from README.md's endpoints");
    }
  }
}
