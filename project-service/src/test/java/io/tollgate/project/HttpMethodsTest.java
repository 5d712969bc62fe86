package io.tollgate.project;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What each path takes, three ways that must agree: the OpenAPI document's operations, {@code
 * OPTIONS}'s {@code Allow} and a 405's {@code Allow} (RFC 9110 9.3.7, 15.5.6), and where a path
 * takes a PATCH, its {@code Accept-Patch} (RFC 5789 3.1, 2.2).
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "project"))
class HttpMethodsTest {

  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  /**
   * Every path template of the document, its parameters filled with ids that need not exist (a
   * method a path does not take is refused before anything is looked up): OPTIONS lists what the
   * document lists (with HEAD beside GET), and every other method is a 405 problem that lists the
   * same. A method the path does not take used to be a 404 where another resource's path is a
   * prefix of it, and OPTIONS listed the methods of every path of the resource class.
   */
  @Test
  void optionsAndEvery405ListWhatTheDocumentLists() throws Exception {
    JsonNode paths =
        new ObjectMapper()
            .readTree(given().queryParam("format", "json").get("/q/openapi").asString())
            .path("paths");
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (Iterator<String> names = paths.fieldNames(); names.hasNext(); ) {
      String template = names.next();
      String path = template.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
      Set<String> documented = new TreeSet<>();
      paths
          .path(template)
          .fieldNames()
          .forEachRemaining(
              m -> {
                if (METHODS.contains(m.toUpperCase(Locale.ROOT))) {
                  documented.add(m.toUpperCase(Locale.ROOT));
                }
              });
      Set<String> expected = new TreeSet<>(documented);
      if (expected.contains("GET")) {
        expected.add("HEAD");
      }
      expected.add("OPTIONS");

      Response options = given().options(path);
      check(failures, "OPTIONS " + template, 200, expected, options);
      String acceptPatch = options.header("Accept-Patch");
      if (documented.contains("PATCH")) {
        Set<String> patchTypes = new TreeSet<>();
        paths
            .path(template)
            .path("patch")
            .path("requestBody")
            .path("content")
            .fieldNames()
            .forEachRemaining(patchTypes::add);
        if (!patchTypes.equals(split(acceptPatch))) {
          failures.add(
              "OPTIONS " + template + ": Accept-Patch " + acceptPatch + ", expected " + patchTypes);
        }
      } else if (acceptPatch != null) {
        failures.add("OPTIONS " + template + ": Accept-Patch " + acceptPatch + " without a PATCH");
      }
      for (String method : METHODS) {
        if (!documented.contains(method)) {
          Response refused =
              given().contentType("application/json").body("{}").request(method, path);
          check(failures, method + " " + template, 405, expected, refused);
          if (refused.statusCode() == 405
              && !"application/problem+json".equals(refused.contentType())) {
            failures.add(method + " " + template + ": 405 as " + refused.contentType());
          }
          checked++;
        }
      }
    }
    assertTrue(checked >= 40, "the document has too few paths: " + checked + " methods refused");
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  /** A PATCH in a media type the resource does not take is a 415 that says which it does. */
  @Test
  void aPatchOfTheWrongMediaTypeSaysWhichItTakes() {
    String project = "/api/v1/projects/" + Api.project(null);
    given()
        .contentType("text/plain")
        .header("If-Match", "\"0\"")
        .body("name=x")
        .patch(project)
        .then()
        .statusCode(415)
        .contentType(Api.PROBLEM)
        .header("Accept-Patch", "application/merge-patch+json, application/json");
  }

  private static void check(
      List<String> failures, String what, int status, Set<String> allow, Response answer) {
    if (answer.statusCode() != status) {
      failures.add(what + ": " + answer.statusCode() + ", expected " + status);
    } else if (!allow.equals(split(answer.header("Allow")))) {
      failures.add(what + ": Allow " + answer.header("Allow") + ", expected " + allow);
    }
  }

  private static Set<String> split(String header) {
    return header == null
        ? Set.of()
        : Arrays.stream(header.split(","))
            .map(String::trim)
            .collect(Collectors.toCollection(TreeSet::new));
  }
}
