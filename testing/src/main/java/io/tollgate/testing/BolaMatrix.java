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
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Broken-object-level-authorization checks generated from a service's own OpenAPI document, so a
 * new project-scoped route is covered the day it is added: every operation under {@code
 * /api/v1/projects/{id}} is called for a project the caller may not see (must answer 404 or 403,
 * never data) and, for writes, as a VIEWER (must answer 403). The paths name real things of the
 * project (a stakeholder, a cost, ...), given by the test for each path parameter, so that a 404
 * comes from the membership check and not from an id that names nothing; a route whose parameter
 * the test gives no id for fails the check, and {@link #reachable} proves the ids are real.
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

    /**
     * The path with the project id in its first parameter and, in each other, the id {@code ids}
     * gives for that parameter's name (e.g. {@code stakeholderId}).
     *
     * @throws AssertionError when {@code ids} has no id for one of the parameters
     */
    public String path(UUID projectId, Map<String, ?> ids) {
      Matcher m = PARAM.matcher(pathTemplate);
      StringBuilder out = new StringBuilder();
      boolean first = true;
      while (m.find()) {
        Object id = first ? projectId : ids.get(m.group(1));
        if (id == null) {
          throw new AssertionError(
              this + ": no id of a real " + m.group(1) + " given; add one to the test's ids");
        }
        m.appendReplacement(out, id.toString());
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
      Map<String, ?> ids,
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
      int status = request.request(op.method(), op.path(projectId, ids)).statusCode();
      if (!expected.test(status)) {
        failures.add(op + " answered " + status + ", expected " + expectation);
      }
    }
    return failures;
  }

  /**
   * The reads that {@code bearer} (the project's owner) cannot make, e.g. {@code "GET
   * /api/v1/projects/{id}/costs/{costId} answered 404"}: empty when every read path names real
   * things, so that a 404 for someone else is the membership check's.
   */
  public static List<String> reachable(
      List<Operation> operations, UUID projectId, Map<String, ?> ids, String bearer) {
    List<String> failures = new ArrayList<>();
    for (Operation op : operations) {
      if (op.isRead()) {
        int status =
            given().header("Authorization", bearer).get(op.path(projectId, ids)).statusCode();
        if (status != 200) {
          failures.add(op + " answered " + status + " to the owner, expected 200");
        }
      }
    }
    return failures;
  }
}
