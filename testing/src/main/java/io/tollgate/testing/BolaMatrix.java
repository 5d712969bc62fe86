package io.tollgate.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Broken-object-level-authorization checks generated from a service's own OpenAPI document, so a
 * new project-scoped route is covered the day it is added: every operation under {@code
 * /api/v1/projects/{id}} is called for a project the caller may not see (must answer 404 or 403,
 * never data) and, for writes, as a VIEWER (must answer 403).
 */
public final class BolaMatrix {

  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
  private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

  /** One operation of the document. */
  public record Operation(String method, String pathTemplate) {
    public boolean isRead() {
      return READS.contains(method);
    }

    /** The path with the project id in its first parameter and fresh UUIDs in the others. */
    public String path(UUID projectId) {
      Matcher m = PARAM.matcher(pathTemplate);
      StringBuilder out = new StringBuilder();
      boolean first = true;
      while (m.find()) {
        m.appendReplacement(out, (first ? projectId : UUID.randomUUID()).toString());
        first = false;
      }
      m.appendTail(out);
      return out.toString();
    }

    @Override
    public String toString() {
      return method + " " + pathTemplate;
    }
  }

  private BolaMatrix() {}

  /** The operations under {@code /api/v1/projects/{...}} of the service's {@code /q/openapi}. */
  public static List<Operation> projectScopedOperations() {
    String json = given().queryParam("format", "json").get("/q/openapi").asString();
    JsonNode paths;
    try {
      paths = new ObjectMapper().readTree(json).path("paths");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Operation> operations = new ArrayList<>();
    for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
      String path = it.next();
      if (!path.matches("^/api/v1/projects/\\{[^}]+}(/.*)?$")) {
        continue;
      }
      paths
          .path(path)
          .fieldNames()
          .forEachRemaining(
              method -> {
                if (METHODS.contains(method)) {
                  operations.add(new Operation(method.toUpperCase(Locale.ROOT), path));
                }
              });
    }
    return operations;
  }

  /**
   * Calls every operation on {@code projectId} as {@code bearer} and collects those whose status
   * does not satisfy {@code expected}.
   *
   * @return one line per failing operation; empty when all passed
   */
  public static List<String> check(
      List<Operation> operations,
      UUID projectId,
      String bearer,
      boolean writesOnly,
      IntPredicate expected,
      String expectation) {
    List<String> failures = new ArrayList<>();
    for (Operation op : operations) {
      if (writesOnly && op.isRead()) {
        continue;
      }
      RequestSpecification request =
          given()
              .header("Authorization", bearer)
              .header("If-Match", "\"0\"")
              .contentType(
                  op.method().equals("PATCH") ? "application/merge-patch+json" : "application/json")
              .body(op.method().equals("GET") || op.method().equals("DELETE") ? "" : "{}");
      int status = request.request(op.method(), op.path(projectId)).statusCode();
      if (!expected.test(status)) {
        failures.add(op + " answered " + status + ", expected " + expectation);
      }
    }
    return failures;
  }
}
