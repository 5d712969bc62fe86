package io.tollgate.project;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tollgate.eventing.CloudEvent;
import io.tollgate.project.mapping.Amounts;
import io.tollgate.project.mapping.AnalyticsMapper;
import io.tollgate.project.messaging.MilestoneEventConsumer;
import io.tollgate.project.messaging.ProjectEvents;
import io.tollgate.project.messaging.RiskEventConsumer;
import io.tollgate.project.service.EarnedValue;
import io.tollgate.project.service.HealthRules;
import io.tollgate.testing.OpenApiExamples;
import io.tollgate.testing.OpenApiHeaders;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keeps this service's README and AsyncAPI document true to the code. */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "project"))
class DocumentationTest {

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  private static final Pattern ENDPOINT_ROW =
      Pattern.compile("^\\|\\s*(GET|POST|PUT|PATCH|DELETE)\\s*\\|\\s*`([^`]+)`", Pattern.MULTILINE);

  @Test
  void readmeListsExactlyTheOperationsOfTheOpenApiDocument() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    Set<String> documented = new TreeSet<>();
    Matcher m = ENDPOINT_ROW.matcher(readme);
    while (m.find()) {
      documented.add(m.group(1) + " " + m.group(2));
    }
    JsonNode openapi =
        new ObjectMapper()
            .readTree(given().queryParam("format", "json").get("/q/openapi").asString());
    Set<String> served = new TreeSet<>();
    for (Iterator<String> paths = openapi.path("paths").fieldNames(); paths.hasNext(); ) {
      String path = paths.next();
      openapi
          .path("paths")
          .path(path)
          .fieldNames()
          .forEachRemaining(
              method -> {
                if (Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                  served.add(method.toUpperCase(Locale.ROOT) + " " + path);
                }
              });
    }
    assertFalse(served.isEmpty());
    assertEquals(served, documented, "README.md endpoints table vs /q/openapi");
  }

  @Test
  void everyOperationDocumentsTheProblemsItCanAnswer() throws Exception {
    JsonNode paths =
        new ObjectMapper()
            .readTree(given().queryParam("format", "json").get("/q/openapi").asString())
            .path("paths");
    int checked = 0;
    int withIfMatch = 0;
    for (Iterator<String> names = paths.fieldNames(); names.hasNext(); ) {
      String path = names.next();
      boolean versioned = false;
      for (JsonNode operation : paths.path(path)) {
        for (JsonNode parameter : operation.path("parameters")) {
          versioned |=
              "If-Match".equalsIgnoreCase(parameter.path("name").asText())
                  && parameter.path("required").asBoolean();
        }
      }
      if (versioned && paths.path(path).has("get")) {
        // its reads carry the ETag that If-Match takes, and answer If-None-Match with a 304
        assertTrue(
            paths.path(path).path("get").path("responses").has("304"),
            "GET " + path + " does not document its 304");
      }
      for (Iterator<String> methods = paths.path(path).fieldNames(); methods.hasNext(); ) {
        String method = methods.next();
        JsonNode responses = paths.path(path).path(method).path("responses");
        String op = method.toUpperCase(Locale.ROOT) + " " + path;
        assertProblem(responses, "401", op);
        assertProblem(responses, "400", op);
        // every path refuses a method it does not take, and an Accept header it cannot meet
        assertProblem(responses, "405", op);
        assertTrue(responses.path("405").path("headers").has("Allow"), op + ": 405 without Allow");
        assertProblem(responses, "406", op);
        if (!method.equals("get")) {
          assertProblem(responses, "403", op);
        }
        if (paths.path(path).path(method).has("requestBody")) {
          assertProblem(responses, "413", op);
          assertProblem(responses, "415", op);
          // it names the media types the body may have, each of them
          paths
              .path(path)
              .path(method)
              .path("requestBody")
              .path("content")
              .fieldNames()
              .forEachRemaining(
                  type ->
                      assertTrue(
                          responses.path("415").path("description").asText().contains(type),
                          op + ": 415 does not name " + type));
          assertEquals(
              method.equals("patch"),
              responses.path("415").path("headers").has("Accept-Patch"),
              op + ": Accept-Patch on its 415");
        }
        for (JsonNode parameter : paths.path(path).path(method).path("parameters")) {
          if ("Idempotency-Key".equalsIgnoreCase(parameter.path("name").asText())) {
            assertProblem(responses, "422", op);
            // the limit idempotencyKeysAreRefusedBeyondTheDocumentedLength checks
            assertEquals(1, parameter.path("schema").path("minLength").asInt(), op);
            assertEquals(
                IDEMPOTENCY_KEY_MAX_LENGTH, parameter.path("schema").path("maxLength").asInt(), op);
          }
        }
        if (path.startsWith("/api/v1/projects/{id}")) {
          assertProblem(responses, "404", op);
        }
        JsonNode ifMatch = null;
        for (JsonNode parameter : paths.path(path).path(method).path("parameters")) {
          if ("If-Match".equalsIgnoreCase(parameter.path("name").asText())) {
            ifMatch = parameter;
          }
        }
        if (method.equals("get")) {
          // a read evaluates If-Match too: 412 when it names no current ETag
          assertTrue(ifMatch != null, op + " does not document If-Match");
        }
        if (ifMatch != null) {
          withIfMatch++;
          assertProblem(responses, "412", op);
          // updates and deletes require it (428 without); a command's POST and a read go ahead
          boolean required = !method.equals("post") && !method.equals("get");
          assertEquals(required, ifMatch.path("required").asBoolean(), op + ": If-Match required");
          assertEquals(required, responses.has("428"), op + ": documents 428");
        }
        checked++;
      }
    }
    assertTrue(checked > 0, "no operations in /q/openapi");
    assertTrue(withIfMatch > 0, "no operation documents its If-Match header");
    // a list carries no ETag, so it never answers 304, even beside a command that takes If-Match
    JsonNode transitions = paths.path("/api/v1/projects/{id}/phase-transitions");
    assertTrue(transitions.path("post").path("responses").has("412"));
    assertFalse(transitions.path("post").path("responses").has("428"));
    assertFalse(transitions.path("get").path("responses").has("304"));
  }

  static void assertProblem(JsonNode responses, String status, String operation) {
    assertTrue(
        responses.path(status).path("content").has("application/problem+json"),
        operation + " does not document its " + status + " as a problem: " + responses);
  }

  /** The longest Idempotency-Key the document says a create takes. */
  private static final int IDEMPOTENCY_KEY_MAX_LENGTH = 200;

  /**
   * Every problem answer, an operation's own included, names the schema of its body, so that a
   * client generated from the document reads a problem's detail and violations.
   */
  @Test
  void everyProblemAnswerHasTheProblemSchema() throws Exception {
    JsonNode openapi =
        new ObjectMapper()
            .readTree(given().queryParam("format", "json").get("/q/openapi").asString());
    List<String> untyped = new ArrayList<>();
    int problems = 0;
    for (Iterator<Map.Entry<String, JsonNode>> paths = openapi.path("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        for (Iterator<Map.Entry<String, JsonNode>> responses =
                op.getValue().path("responses").fields();
            responses.hasNext(); ) {
          Map.Entry<String, JsonNode> response = responses.next();
          JsonNode problem = response.getValue().path("content").path("application/problem+json");
          if (!problem.isMissingNode()) {
            problems++;
            if (!isProblem(openapi, problem.path("schema"))) {
              untyped.add(op.getKey() + " " + path.getKey() + " " + response.getKey());
            }
          }
        }
      }
    }
    assertEquals(List.of(), untyped, "problem answers without the Problem schema");
    assertTrue(problems > 100, "problem answers seen: " + problems);
  }

  /** The Problem schema, or one that extends it with a problem type's own members. */
  private static boolean isProblem(JsonNode openapi, JsonNode schema) {
    String ref = schema.path("$ref").asText("");
    if (ref.equals("#/components/schemas/Problem")) {
      return true;
    }
    JsonNode target = ref.startsWith("#/") ? openapi.at(ref.substring(1)) : schema;
    for (JsonNode part : target.path("allOf")) {
      if (part.path("$ref").asText("").equals("#/components/schemas/Problem")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Every component schema is reached from an operation: none of the types SmallRye met on the way
   * (Jackson's JsonNode of a merge patch, a shared module's unused page) is left for a client
   * generator to make a type of.
   */
  /**
   * A nullable field of an enum's or another schema's type is that schema or null, and nothing
   * else: a sibling {@code type} beside the {@code anyOf} made a generated client read a phase as
   * any string ({@code string | Phase | null}).
   */
  @Test
  void aNullableReferenceIsItsSchemaOrNullWithoutASiblingType() throws Exception {
    JsonNode openapi =
        new ObjectMapper()
            .readTree(given().queryParam("format", "json").get("/q/openapi").asString());
    JsonNode schemas = openapi.path("components").path("schemas");
    for (String[] field :
        new String[][] {
          {"Project", "heldPhase", "Phase"},
          {"GateCheck", "nextPhase", "Phase"},
          {"KpiStatus", "trend", "Trend"}
        }) {
      JsonNode property = schemas.path(field[0]).path("properties").path(field[1]);
      assertEquals(
          "[{\"$ref\":\"#/components/schemas/" + field[2] + "\"},{\"type\":\"null\"}]",
          property.path("anyOf").toString(),
          field[0] + "." + field[1]);
    }
    List<String> typed = new ArrayList<>();
    schemas.forEach(
        schema ->
            schema
                .path("properties")
                .properties()
                .forEach(
                    property -> {
                      JsonNode value = property.getValue();
                      if (value.has("anyOf") && value.has("type")) {
                        typed.add(property.getKey() + ": " + value);
                      }
                    }));
    assertEquals(List.of(), typed, "nullable references with a type beside their anyOf");
  }

  @Test
  void noComponentSchemaIsLeftUnreferenced() throws Exception {
    JsonNode openapi =
        new ObjectMapper()
            .readTree(given().queryParam("format", "json").get("/q/openapi").asString());
    JsonNode schemas = openapi.path("components").path("schemas");
    Set<String> reached = new TreeSet<>();
    java.util.Deque<JsonNode> pending = new java.util.ArrayDeque<>();
    pending.add(openapi.path("paths"));
    while (!pending.isEmpty()) {
      JsonNode node = pending.pop();
      String ref = node.path("$ref").asText("");
      if (ref.startsWith("#/components/schemas/")
          && reached.add(ref.substring("#/components/schemas/".length()))) {
        pending.add(schemas.path(ref.substring("#/components/schemas/".length())));
      }
      node.forEach(pending::add);
    }
    Set<String> declared = new TreeSet<>();
    schemas.fieldNames().forEachRemaining(declared::add);
    assertEquals(reached, declared, "component schemas no operation refers to");
  }

  /**
   * The problems the service answers carry only members their documented schema declares or the
   * examples of their answer show (a problem type's own, such as a refused transition's
   * allowedTargets), and their shared answers are the ones the document lists: 405 with Allow for a
   * method the path does not take, 406 for an Accept header that allows no JSON, 400 for an
   * Idempotency-Key beyond its documented length.
   */
  @Test
  void theProblemsTheServiceAnswersAreTheDocumentedOnes() throws Exception {
    JsonNode openapi =
        new ObjectMapper()
            .readTree(given().queryParam("format", "json").get("/q/openapi").asString());
    String id = Api.project(null);
    String project = "/api/v1/projects/" + id;
    List<String> undocumented = new ArrayList<>();
    BiConsumer<String, Response> check =
        (method, response) -> {
          assertEquals(Api.PROBLEM, response.contentType(), response.asString());
          undocumented.addAll(undocumentedMembers(openapi, method, response));
        };
    // the request id a problem quotes, and a 400 with its violations
    check.accept(
        "POST",
        given()
            .header("X-Request-Id", "doc-problem-1")
            .contentType(ContentType.JSON)
            .body("{}")
            .post("/api/v1/projects")
            .then()
            .statusCode(400)
            .body("requestId", org.hamcrest.Matchers.equalTo("doc-problem-1"))
            .extract()
            .response());
    check.accept("GET", given().get("/api/v1/projects/" + UUID.randomUUID()));
    check.accept(
        "GET",
        given()
            .header("If-Match", "\"99\"")
            .get(project)
            .then()
            .statusCode(412)
            .extract()
            .response());
    check.accept(
        "GET",
        given()
            .header("If-Match", "\"0\"")
            .get("/api/v1/projects")
            .then()
            .statusCode(412)
            .extract()
            .response());
    check.accept(
        "PATCH",
        given()
            .contentType("application/merge-patch+json")
            .body("{\"name\":\"x\"}")
            .patch(project)
            .then()
            .statusCode(428)
            .extract()
            .response());
    check.accept(
        "PATCH",
        given()
            .contentType("application/merge-patch+json")
            .header("If-Match", "\"99\"")
            .body("{\"name\":\"x\"}")
            .patch(project)
            .then()
            .statusCode(412)
            .extract()
            .response());
    // a phase skipped (allowedTargets), then gates not passed (unmetCriteria)
    check.accept(
        "POST",
        Api.transition(id, "EXECUTION", "skip").then().statusCode(409).extract().response());
    Api.walk(id, "PLANNING");
    check.accept(
        "POST",
        Api.transition(id, "EXECUTION", "gates").then().statusCode(409).extract().response());
    // a method the path does not take: 405 with Allow, as every operation of the path documents
    Response notAllowed = given().contentType(ContentType.JSON).body("{}").put(project);
    assertEquals(405, notAllowed.statusCode(), notAllowed.asString());
    assertTrue(notAllowed.header("Allow") != null, "405 without Allow");
    for (String method : List.of("GET", "PATCH", "DELETE")) {
      assertEquals(
          List.of(),
          DocumentedAnswers.differences(
              openapi, method, project, notAllowed, notAllowed.asString()));
      assertEquals(
          List.of(),
          OpenApiHeaders.differences(openapi, method, project, notAllowed, Set.of("Allow")));
      check.accept(method, notAllowed);
    }
    // a PATCH in a media type it does not take says which it does
    Response unsupported =
        given().contentType("text/plain").header("If-Match", "\"0\"").body("x").patch(project);
    assertEquals(415, unsupported.statusCode(), unsupported.asString());
    assertTrue(unsupported.header("Accept-Patch") != null, "415 without Accept-Patch");
    assertEquals(
        List.of(),
        OpenApiHeaders.differences(
            openapi, "PATCH", project, unsupported, Set.of("Accept-Patch", "Allow")));
    check.accept("PATCH", unsupported);
    check.accept(
        "GET", given().accept("text/csv").get(project).then().statusCode(406).extract().response());
    assertEquals(List.of(), undocumented, "problem members neither in the schema nor an example");

    // the Idempotency-Key the document describes is taken, one character more is refused
    String body =
        """
        {"key":"%s","name":"Key length","methodology":"AGILE"}"""
            .formatted(ProjectApiTest.uniqueKey("K"));
    given()
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", "k".repeat(IDEMPOTENCY_KEY_MAX_LENGTH + 1))
        .body(body)
        .post("/api/v1/projects")
        .then()
        .statusCode(400)
        .body("violations[0].field", org.hamcrest.Matchers.equalTo("Idempotency-Key"));
    given()
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", "k".repeat(IDEMPOTENCY_KEY_MAX_LENGTH))
        .body(body)
        .post("/api/v1/projects")
        .then()
        .statusCode(201);
  }

  /**
   * The members of a problem that the schema documented for its answer does not declare and no
   * example of that answer shows, e.g. {@code "POST /api/v1/projects/{id}/phase-transitions 409:
   * allowedTargets"}.
   */
  private static List<String> undocumentedMembers(
      JsonNode openapi, String method, Response response) {
    String path = java.net.URI.create(response.then().extract().path("instance")).getPath();
    String template = io.tollgate.testing.OpenApiHeaders.template(openapi, path);
    String status = Integer.toString(response.statusCode());
    JsonNode answer =
        openapi
            .path("paths")
            .path(template)
            .path(method.toLowerCase(Locale.ROOT))
            .path("responses")
            .path(status)
            .path("content")
            .path(Api.PROBLEM);
    Set<String> documented = new TreeSet<>();
    String ref = answer.path("schema").path("$ref").asText("");
    JsonNode schema = ref.startsWith("#/") ? openapi.at(ref.substring(1)) : answer.path("schema");
    schema.path("properties").fieldNames().forEachRemaining(documented::add);
    for (JsonNode part : schema.path("allOf")) {
      String partRef = part.path("$ref").asText("");
      (partRef.startsWith("#/") ? openapi.at(partRef.substring(1)) : part)
          .path("properties")
          .fieldNames()
          .forEachRemaining(documented::add);
    }
    answer.path("example").fieldNames().forEachRemaining(documented::add);
    for (JsonNode example : answer.path("examples")) {
      example.path("value").fieldNames().forEachRemaining(documented::add);
    }
    List<String> undocumented = new ArrayList<>();
    try {
      new ObjectMapper()
          .readTree(response.asString())
          .fieldNames()
          .forEachRemaining(
              member -> {
                if (!documented.contains(member)) {
                  undocumented.add(method + " " + template + " " + status + ": " + member);
                }
              });
    } catch (java.io.IOException e) {
      undocumented.add(method + " " + template + " " + status + ": not JSON");
    }
    return undocumented;
  }

  private static final Set<String> API_HEADERS =
      Set.of("ETag", "Location", "Link", "Idempotent-Replayed");

  @Test
  void everyHeaderAnAnswerCarriesIsDocumented() throws Exception {
    JsonNode openapi =
        new ObjectMapper()
            .readTree(given().queryParam("format", "json").get("/q/openapi").asString());
    List<String> differences = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    BiConsumer<String, Response> check =
        (request, response) -> {
          String[] parts = request.split(" ", 2);
          differences.addAll(
              OpenApiHeaders.differences(openapi, parts[0], parts[1], response, API_HEADERS));
          seen.add(
              request.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "{}") + " " + response.statusCode());
        };
    String body =
        """
        {"key":"%s","name":"Headers","methodology":"AGILE","startDate":"2026-01-05",
         "targetDate":"2026-12-31","budget":{"amount":"1000.00","currency":"EUR"}}"""
            .formatted(ProjectApiTest.uniqueKey("H"));
    String key = UUID.randomUUID().toString();
    Response created =
        given()
            .contentType(ContentType.JSON)
            .header("Idempotency-Key", key)
            .body(body)
            .post("/api/v1/projects");
    check.accept("POST /api/v1/projects", created);
    Response replayed =
        given()
            .contentType(ContentType.JSON)
            .header("Idempotency-Key", key)
            .body(body)
            .post("/api/v1/projects");
    check.accept("POST /api/v1/projects", replayed);
    assertEquals("true", replayed.header("Idempotent-Replayed"));
    String project = "/api/v1/projects/" + created.path("id");
    check.accept("GET " + project, given().get(project));
    check.accept("GET " + project, given().header("If-None-Match", "\"0\"").get(project));
    // as it was: an earlier state carries no ETag, which the document must not require
    check.accept(
        "GET " + project,
        given().queryParam("asOf", OffsetDateTime.now(ZoneOffset.UTC).toString()).get(project));
    check.accept(
        "PATCH " + project,
        given()
            .contentType("application/merge-patch+json")
            .header("If-Match", "\"0\"")
            .body("{\"name\":\"Renamed\"}")
            .patch(project));
    Api.project(null);
    Api.project(null);
    check.accept(
        "GET /api/v1/projects",
        given().queryParam("page", 1).queryParam("size", 1).get("/api/v1/projects"));
    check.accept("GET /api/v1/portfolio", given().queryParam("size", 1).get("/api/v1/portfolio"));

    Response stakeholder = StakeholderApiTest.add(created.path("id"), "hdr-viewer", "VIEWER");
    check.accept("POST " + project + "/stakeholders", stakeholder);
    String stakeholderUrl = project + "/stakeholders/" + stakeholder.path("id");
    check.accept("GET " + stakeholderUrl, given().get(stakeholderUrl));
    check.accept("GET " + project + "/stakeholders", given().get(project + "/stakeholders"));
    Response cost =
        FinanceApiTest.cost(created.path("id"), "2026-01-31", "\"10.00\"", "EUR", "LABOR");
    check.accept("POST " + project + "/costs", cost);
    String costUrl = project + "/costs/" + cost.path("id");
    check.accept("GET " + costUrl, given().get(costUrl));
    check.accept("GET " + project + "/costs", given().get(project + "/costs"));
    Response benefit =
        given()
            .contentType(ContentType.JSON)
            .body(
                "{\"description\":\"Saved licences\",\"amount\":\"20.00\",\"currency\":\"EUR\","
                    + "\"recurrence\":\"ONE_OFF\",\"startDate\":\"2026-10-01\"}")
            .post(project + "/benefits");
    check.accept("POST " + project + "/benefits", benefit);
    String benefitUrl = project + "/benefits/" + benefit.path("id");
    check.accept("GET " + benefitUrl, given().get(benefitUrl));
    check.accept("GET " + project + "/benefits", given().get(project + "/benefits"));
    Response kpi = KpiApiTest.define(created.path("id"), "Uptime", "99.9", "HIGHER_IS_BETTER");
    check.accept("POST " + project + "/kpis", kpi);
    String kpiUrl = project + "/kpis/" + kpi.path("id");
    check.accept(
        "PATCH " + kpiUrl,
        given()
            .contentType("application/merge-patch+json")
            .header("If-Match", "\"0\"")
            .body("{\"target\":99.5}")
            .patch(kpiUrl));
    Response measurement = KpiApiTest.measure(kpiUrl, "2026-01-31", "99.7");
    check.accept("POST " + kpiUrl + "/measurements", measurement);
    String measurementUrl = kpiUrl + "/measurements/" + measurement.path("id");
    check.accept("GET " + measurementUrl, given().get(measurementUrl));
    check.accept("GET " + kpiUrl + "/measurements", given().get(kpiUrl + "/measurements"));
    check.accept("GET " + project + "/kpis", given().get(project + "/kpis"));
    Response transition = Api.transition(created.path("id"), "PLANNING", "headers");
    check.accept("POST " + project + "/phase-transitions", transition);
    String transitionUrl = project + "/phase-transitions/" + transition.path("id");
    check.accept("GET " + transitionUrl, given().get(transitionUrl));
    check.accept(
        "GET " + transitionUrl,
        given().header("If-None-Match", transition.header("ETag")).get(transitionUrl));
    check.accept(
        "GET " + project + "/phase-transitions", given().get(project + "/phase-transitions"));
    for (String read : List.of("/history", "/analytics", "/health", "/gates")) {
      check.accept("GET " + project + read, given().get(project + read));
    }
    check.accept(
        "DELETE " + costUrl, given().header("If-Match", cost.header("ETag")).delete(costUrl));
    check.accept(
        "DELETE " + project,
        given().header("If-Match", given().get(project).header("ETag")).delete(project));

    // every change to an archived project is refused with a 409, which each operation documents
    // (but a stakeholder's removal, and a change of access or e-mail: StakeholderApiTest)
    String etag = given().get(project).header("ETag");
    String kpiEtag = given().get(kpiUrl).header("ETag");
    List<String[]> changes =
        List.of(
            new String[] {"PATCH", project, etag, "{\"name\":\"Too late\"}"},
            new String[] {
              "POST",
              project + "/phase-transitions",
              null,
              "{\"to\":\"EXECUTION\",\"reason\":\"r\"}"
            },
            new String[] {
              "POST",
              project + "/stakeholders",
              null,
              "{\"userId\":\"late\",\"name\":\"Late\",\"role\":\"BUSINESS\",\"influence\":1,\"interest\":1,\"accessRole\":\"VIEWER\"}"
            },
            new String[] {"PATCH", stakeholderUrl, "\"0\"", "{\"interest\":5}"},
            new String[] {
              "POST",
              project + "/costs",
              null,
              "{\"date\":\"2026-01-31\",\"amount\":\"1.00\",\"currency\":\"EUR\",\"category\":\"LABOR\"}"
            },
            new String[] {
              "POST",
              project + "/benefits",
              null,
              "{\"description\":\"d\",\"amount\":\"1.00\",\"currency\":\"EUR\",\"recurrence\":\"ONE_OFF\",\"startDate\":\"2026-10-01\"}"
            },
            new String[] {"DELETE", benefitUrl, "\"0\"", null},
            new String[] {
              "POST",
              project + "/kpis",
              null,
              "{\"name\":\"Late\",\"unit\":\"%\",\"target\":1,\"direction\":\"HIGHER_IS_BETTER\"}"
            },
            new String[] {"PATCH", kpiUrl, kpiEtag, "{\"target\":2}"},
            new String[] {"DELETE", kpiUrl, kpiEtag, null},
            new String[] {
              "POST", kpiUrl + "/measurements", null, "{\"measuredOn\":\"2026-01-31\",\"value\":1}"
            },
            new String[] {"DELETE", project, etag, null});
    for (String[] change : changes) {
      var request = given();
      if (change[2] != null) {
        request.header("If-Match", change[2]);
      }
      if (change[3] != null) {
        request
            .contentType(
                change[0].equals("PATCH") ? "application/merge-patch+json" : "application/json")
            .body(change[3]);
      }
      Response refused = request.request(change[0], change[1]);
      assertEquals(
          409, refused.statusCode(), change[0] + " " + change[1] + ": " + refused.asString());
      check.accept(change[0] + " " + change[1], refused);
    }

    assertEquals(List.of(), differences);
    // the answers that carry the headers were all reached, so none was compared by accident
    for (String answer :
        List.of(
            "POST /api/v1/projects 201",
            "GET /api/v1/projects/{} 304",
            "PATCH /api/v1/projects/{} 200",
            "GET /api/v1/projects 200",
            "POST /api/v1/projects/{}/kpis/{}/measurements 201",
            "GET /api/v1/projects/{}/kpis/{}/measurements/{} 200",
            "GET /api/v1/projects/{}/phase-transitions/{} 304",
            "DELETE /api/v1/projects/{}/costs/{} 204",
            "DELETE /api/v1/projects/{} 204")) {
      assertTrue(seen.contains(answer), answer + " not reached: " + seen);
    }
  }

  /**
   * The answers of a project that has nothing optional yet (no description, dates, budget, money,
   * measurement or e-mail address; a stakeholder, KPI, cost and benefit without what may be left
   * out) match the document, its nulls included, and so do those of one that has them all; every
   * other test's answers are checked too ({@link DocumentedAnswers}).
   */
  @Test
  void answersWithAndWithoutTheirOptionalValuesMatchTheDocument() throws Exception {
    assertTrue(DocumentedAnswers.installed(), "every answer a test gets is checked");
    JsonNode openapi =
        new ObjectMapper()
            .readTree(given().queryParam("format", "json").get("/q/openapi").asString());
    List<String> differences = new ArrayList<>();
    BiFunction<String, String, Response> read =
        (method, path) -> {
          Response response = given().request(method, path);
          differences.addAll(
              DocumentedAnswers.differences(openapi, method, path, response, response.asString()));
          return response;
        };
    BiFunction<String, String[], Response> write =
        (path, methodAndBody) -> {
          Response response =
              given()
                  .contentType(ContentType.JSON)
                  .body(methodAndBody[1])
                  .request(methodAndBody[0], path);
          differences.addAll(
              DocumentedAnswers.differences(
                  openapi, methodAndBody[0], path, response, response.asString()));
          return response;
        };
    for (String budget : List.of("", ",\"budget\":{\"amount\":\"1000.00\",\"currency\":\"EUR\"}")) {
      // bare: no description, dates, budget; full: all of them
      String fields =
          budget.isEmpty()
              ? ""
              : ",\"description\":\"d\",\"startDate\":\"2026-01-05\",\"targetDate\":\"2026-12-31\""
                  + budget;
      Response created =
          write.apply(
              "/api/v1/projects",
              new String[] {
                "POST",
                "{\"key\":\"%s\",\"name\":\"Nulls\",\"methodology\":\"AGILE\"%s}"
                    .formatted(ProjectApiTest.uniqueKey("N"), fields)
              });
      assertEquals(201, created.statusCode(), created.asString());
      String project = "/api/v1/projects/" + created.path("id");
      for (String view :
          List.of("", "/analytics", "/health", "/gates", "/stakeholders", "/history", "/kpis")) {
        read.apply("GET", project + view);
      }
      read.apply("GET", "/api/v1/portfolio?text=" + created.path("key"));
      read.apply("GET", "/api/v1/portfolio/gate-rules");
      // a stakeholder without an e-mail address, a cost without a note, a one-off benefit
      write.apply(
          project + "/stakeholders",
          new String[] {
            "POST",
            "{\"userId\":\"nulls-%s\",\"name\":\"N\",\"role\":\"QA\",\"influence\":1,\"interest\":1,\"accessRole\":\"VIEWER\"}"
                .formatted(UUID.randomUUID())
          });
      write.apply(
          project + "/costs",
          new String[] {
            "POST",
            "{\"date\":\"2026-01-31\",\"amount\":\"10.00\",\"currency\":\"EUR\",\"category\":\"LABOR\"}"
          });
      write.apply(
          project + "/benefits",
          new String[] {
            "POST",
            "{\"description\":\"b\",\"amount\":\"5.00\",\"currency\":\"EUR\",\"recurrence\":\"ONE_OFF\",\"startDate\":\"2026-10-01\"}"
          });
      // a KPI without a description or measurements, then one measurement without a note
      Response kpi =
          write.apply(
              project + "/kpis",
              new String[] {
                "POST",
                "{\"name\":\"K\",\"unit\":\"%\",\"target\":1,\"direction\":\"HIGHER_IS_BETTER\"}"
              });
      String kpiUrl = project + "/kpis/" + kpi.path("id");
      write.apply(
          kpiUrl + "/measurements",
          new String[] {"POST", "{\"measuredOn\":\"2026-01-31\",\"value\":0}"});
      for (String view : List.of("", "/measurements")) {
        read.apply("GET", kpiUrl + view);
      }
      for (String view : List.of("/analytics", "/costs", "/benefits", "/kpis")) {
        read.apply("GET", project + view);
      }
      // on hold (heldPhase), a transition with and without an override, archived (archivedAt)
      write.apply(
          project + "/phase-transitions",
          new String[] {"POST", "{\"to\":\"ON_HOLD\",\"reason\":\"wait\"}"});
      read.apply("GET", project);
      write.apply(
          project + "/phase-transitions",
          new String[] {"POST", "{\"to\":\"INITIATION\",\"reason\":\"resume\"}"});
      Api.walk(created.path("id"), "PLANNING");
      Response overridden =
          Api.transition(
              Api.admin(), created.path("id"), "EXECUTION", "go", "approved by the board");
      assertEquals(201, overridden.statusCode(), overridden.asString());
      differences.addAll(
          DocumentedAnswers.differences(
              openapi, "POST", project + "/phase-transitions", overridden, overridden.asString()));
      read.apply("GET", project + "/phase-transitions");
      given()
          .header("If-Match", given().get(project).header("ETag"))
          .delete(project)
          .then()
          .statusCode(204);
      read.apply("GET", project);
      read.apply("GET", project + "/history");
    }
    assertEquals(List.of(), differences, "answers the document does not describe");
  }

  /**
   * The figures of the analytics examples are what the code computes from the examples' own budget,
   * planned value, earned value and actual cost, rounded as the README says (SPI and CPI down), and
   * so is the health reason the analytics example gives: a client's developer learns the rounding
   * from them.
   */
  @Test
  void theAnalyticsExamplesAreWhatTheCodeComputes() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode schemas =
        json.readTree(given().queryParam("format", "json").get("/q/openapi").asString())
            .path("components")
            .path("schemas");
    JsonNode analytics = example(json, schemas.path("Analytics"));
    LocalDate asOf = LocalDate.parse(analytics.path("asOf").asText());
    for (JsonNode shown :
        List.of(example(json, schemas.path("EarnedValue")), analytics.path("earnedValue"))) {
      BigDecimal bac = new BigDecimal(shown.path("bac").path("amount").asText());
      BigDecimal pv = new BigDecimal(shown.path("pv").path("amount").asText());
      BigDecimal ev = new BigDecimal(shown.path("ev").path("amount").asText());
      BigDecimal ac = new BigDecimal(shown.path("ac").path("amount").asText());
      // one milestone earned, one planned and open, and the rest of the budget planned later
      EarnedValue.Result result =
          EarnedValue.compute(
              bac,
              List.of(
                  new EarnedValue.Milestone(UUID.randomUUID(), asOf, ev, asOf),
                  new EarnedValue.Milestone(UUID.randomUUID(), asOf, pv.subtract(ev), null),
                  new EarnedValue.Milestone(
                      UUID.randomUUID(), asOf.plusDays(1), bac.subtract(pv), null)),
              ac,
              asOf);
      JsonNode computed =
          json.valueToTree(AnalyticsMapper.toView(result, "EUR", shown.path("milestones").asInt()));
      for (String money : List.of("sv", "cv", "eac", "etc", "vac")) {
        assertEquals(
            computed.path(money).path("amount").asText(),
            shown.path(money).path("amount").asText(),
            money + " of " + shown);
      }
      for (String ratio : List.of("spi", "cpi", "tcpi", "percentComplete", "budgetBurn")) {
        assertEquals(
            0,
            computed
                .path(ratio)
                .decimalValue()
                .compareTo(new BigDecimal(shown.path(ratio).asText())),
            ratio + " is " + computed.path(ratio) + ", not " + shown.path(ratio) + ": " + shown);
      }
      if (shown == analytics.path("earnedValue")) {
        HealthRules.Assessment health =
            HealthRules.assess(
                List.of(),
                List.of(),
                new HealthRules.Cost(result.cpi(), result.eac(), bac, "EUR"),
                List.of(),
                HealthRules.Thresholds.DEFAULTS,
                asOf);
        assertEquals(
            health.rating().name(), analytics.path("health").path("rating").asText(), "rating");
        assertEquals(
            health.reasons().stream().map(HealthRules.Reason::message).toList(),
            json.convertValue(
                analytics.path("health").path("reasons").findValuesAsText("message"), List.class),
            "health reasons");
      }
    }
    for (JsonNode shown :
        List.of(example(json, schemas.path("BusinessCase")), analytics.path("businessCase"))) {
      BigDecimal costs = new BigDecimal(shown.path("totalCosts").path("amount").asText());
      BigDecimal benefits = new BigDecimal(shown.path("totalBenefits").path("amount").asText());
      assertEquals(
          0,
          benefits
              .subtract(costs)
              .compareTo(new BigDecimal(shown.path("netBenefit").path("amount").asText())),
          "netBenefit of " + shown);
      assertEquals(
          0,
          Amounts.ratio(benefits.subtract(costs).divide(costs, java.math.MathContext.DECIMAL128))
              .compareTo(new BigDecimal(shown.path("roi").asText())),
          "roi of " + shown);
    }
    JsonNode item = example(json, schemas.path("PortfolioItem"));
    assertEquals(
        0,
        Amounts.ratio(
                new BigDecimal(item.path("actualCost").path("amount").asText())
                    .divide(
                        new BigDecimal(item.path("budget").path("amount").asText()),
                        java.math.MathContext.DECIMAL128))
            .compareTo(new BigDecimal(item.path("budgetBurn").asText())),
        "budgetBurn of " + item);
  }

  /** A schema's example, as the JSON it spells when SmallRye keeps it as text. */
  private static JsonNode example(ObjectMapper json, JsonNode schema) throws Exception {
    JsonNode example = schema.path("examples").path(0);
    return example.isTextual() ? json.readTree(example.asText()) : example;
  }

  /**
   * A client generated from the document (openapi-typescript, orval, openapi-generator) gets a type
   * for every JSON answer: each has a schema, and a list's items are typed, not {}.
   */
  @Test
  void everyJsonAnswerHasATypedSchema() throws Exception {
    JsonNode openapi =
        new ObjectMapper()
            .readTree(given().queryParam("format", "json").get("/q/openapi").asString());
    JsonNode schemas = openapi.path("components").path("schemas");
    List<String> untyped = new java.util.ArrayList<>();
    openapi
        .path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        op ->
                            op.getValue()
                                .path("responses")
                                .fields()
                                .forEachRemaining(
                                    response -> {
                                      JsonNode schema =
                                          response
                                              .getValue()
                                              .path("content")
                                              .path("application/json")
                                              .path("schema");
                                      if (!response.getKey().startsWith("2")
                                          || response
                                              .getValue()
                                              .path("content")
                                              .path("application/json")
                                              .isMissingNode()) {
                                        return;
                                      }
                                      String where =
                                          op.getKey().toUpperCase(java.util.Locale.ROOT)
                                              + " "
                                              + path.getKey()
                                              + " "
                                              + response.getKey();
                                      if (schema.has("$ref")) {
                                        JsonNode target =
                                            schemas.path(
                                                schema
                                                    .get("$ref")
                                                    .asText()
                                                    .replace("#/components/schemas/", ""));
                                        JsonNode items = target.path("properties").path("items");
                                        if (!items.isMissingNode()
                                            && !items.path("items").has("$ref")) {
                                          untyped.add(where + " (list items untyped)");
                                        }
                                      } else if (!schema.has("type")) {
                                        untyped.add(where);
                                      }
                                    })));
    assertEquals(List.of(), untyped, "JSON answers without a typed schema");
    // filters that take one of a fixed set of values list them, for a typed client and a UI's menu
    List<String> enumFilters =
        List.of("phase", "methodology", "health", "role", "accessRole", "category", "entityType");
    List<String> unlisted = new java.util.ArrayList<>();
    int filters = 0;
    for (JsonNode item : openapi.path("paths")) {
      for (JsonNode op : item) {
        for (JsonNode parameter : op.path("parameters")) {
          if ("query".equals(parameter.path("in").asText())
              && enumFilters.contains(parameter.path("name").asText())) {
            filters++;
            JsonNode schema = parameter.path("schema");
            if (schema.has("items")) {
              // a filter that may repeat: its items list the values
              schema = schema.get("items");
            }
            if (schema.has("$ref")) {
              schema =
                  schemas.path(schema.get("$ref").asText().replace("#/components/schemas/", ""));
            }
            if (!schema.has("enum")) {
              unlisted.add(op.path("summary").asText() + ": " + parameter.path("name").asText());
            }
          }
        }
      }
    }
    assertEquals(List.of(), unlisted, "enum filters without their values");
    assertTrue(filters >= 9, "enum filters seen: " + filters);
  }

  /**
   * Every property of an answer's schema is required, since the service writes each of them (null
   * where it has none): a generated client then has no optional fields to test for. Request bodies
   * require only what a client must send (a merge patch nothing), and problems, which leave out
   * their empty members, require nothing.
   */
  @Test
  void everyPropertyOfAnAnswerIsRequiredAndNoMoreOfARequest() throws Exception {
    JsonNode openapi =
        new ObjectMapper()
            .readTree(given().queryParam("format", "json").get("/q/openapi").asString());
    JsonNode schemas = openapi.path("components").path("schemas");
    for (String answer :
        List.of("Project", "ProjectPage", "GateCheck", "KpiStatus", "Money", "HistoryEntry")) {
      Set<String> properties = new TreeSet<>();
      schemas.path(answer).path("properties").fieldNames().forEachRemaining(properties::add);
      Set<String> required = new TreeSet<>();
      schemas.path(answer).path("required").forEach(name -> required.add(name.asText()));
      assertTrue(!properties.isEmpty(), answer + " has no properties");
      assertEquals(properties, required, answer + "'s required properties");
    }
    assertTrue(schemas.path("ProjectPatch").path("required").isEmpty(), "ProjectPatch requires");
    assertTrue(
        !schemas.path("ProjectCreate").path("required").toString().contains("description"),
        "ProjectCreate requires its optional description");
    assertTrue(schemas.path("Problem").path("required").isEmpty(), "Problem requires");
  }

  @Test
  void everyOperationHasADescriptionAndEveryEventTypeIsDocumented() throws Exception {
    JsonNode openapi =
        new ObjectMapper()
            .readTree(given().queryParam("format", "json").get("/q/openapi").asString());
    openapi
        .path("paths")
        .forEach(
            item ->
                item.forEach(
                    op ->
                        assertTrue(
                            op.hasNonNull("summary") && op.hasNonNull("description"),
                            "operation without summary/description: " + op)));
    assertEquals(List.of(), OpenApiExamples.missing(openapi), "bodies without an example");
    assertEquals(
        List.of(), OpenApiExamples.nonConforming(openapi), "examples that break their schema");
    String asyncapi =
        given().get("/asyncapi/asyncapi.yaml").then().statusCode(200).extract().asString();
    String readme = Files.readString(Path.of("README.md"));
    String rootReadme = Files.readString(Path.of("../README.md"));
    for (String type : ProjectEvents.TYPES) {
      assertTrue(asyncapi.contains("name: " + type), type + " missing from asyncapi.yaml");
      assertTrue(readme.contains(type), type + " missing from README.md");
      assertTrue(
          rootReadme.contains("| `project.events` | `" + type + "`"),
          type + " missing from the root README's event catalogue");
    }
    // every schema the AsyncAPI document names is served beside it
    Matcher refs = Pattern.compile("\\$ref: '(schemas/[^']+)'").matcher(asyncapi);
    while (refs.find()) {
      given().get("/asyncapi/" + refs.group(1)).then().statusCode(200);
    }
  }

  @Test
  void everyEventContractSaysHowItsEventsTravelOnKafka() throws Exception {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    Map<String, String> contracts =
        Map.of(
            "project-service (served)",
            given().get("/asyncapi/asyncapi.yaml").then().statusCode(200).extract().asString(),
            "milestone-service",
            classpathText("contracts/milestone-service/asyncapi.yaml"),
            "risk-service",
            classpathText("contracts/risk-service/asyncapi.yaml"));
    for (var contract : contracts.entrySet()) {
      JsonNode components = yaml.readTree(contract.getValue()).path("components");
      JsonNode trait = components.path("messageTraits").path("cloudEvent");
      // what the outbox relay sends: the project id as key, the content type as a header
      assertEquals(
          "uuid",
          trait.path("bindings").path("kafka").path("key").path("format").asText(),
          contract.getKey() + ": the Kafka key");
      assertEquals(
          CloudEvent.CONTENT_TYPE,
          trait.path("headers").path("properties").path("content-type").path("const").asText(),
          contract.getKey() + ": the content-type header");
      JsonNode messages = components.path("messages");
      assertFalse(messages.isEmpty(), contract.getKey() + ": messages");
      messages
          .fields()
          .forEachRemaining(
              message ->
                  assertEquals(
                      "#/components/messageTraits/cloudEvent",
                      message.getValue().path("traits").path(0).path("$ref").asText(),
                      contract.getKey() + ": " + message.getKey() + " without the Kafka trait"));
    }
  }

  private String classpathText(String resource) throws java.io.IOException {
    try (var in = getClass().getClassLoader().getResourceAsStream(resource)) {
      assertTrue(in != null, resource + " is not on the test class path");
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void everyConsumedEventTypeIsInItsProducersContractAndInTheReadme() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    // an operator creates the dead-letter topic of every consumed topic, as the root README lists
    String rootReadme = Files.readString(Path.of("../README.md"));
    var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
    int topics = 0;
    for (String name : config.getPropertyNames()) {
      if (name.startsWith("mp.messaging.incoming.") && name.endsWith(".topic")) {
        String dlq = config.getValue(name, String.class) + ".project-service.dlq";
        assertTrue(rootReadme.contains("`" + dlq + "`"), dlq + " missing from the root README");
        topics++;
      }
    }
    assertEquals(2, topics, "topics project-service consumes");
    Map<String, List<String>> consumed =
        Map.of(
            "contracts/milestone-service/asyncapi.yaml",
            List.of(
                MilestoneEventConsumer.CREATED,
                MilestoneEventConsumer.UPDATED,
                MilestoneEventConsumer.COMPLETED,
                MilestoneEventConsumer.DELETED),
            "contracts/risk-service/asyncapi.yaml",
            List.of(RiskEventConsumer.ASSESSED, RiskEventConsumer.CLOSED));
    for (var contract : consumed.entrySet()) {
      String asyncapi;
      try (var in = getClass().getClassLoader().getResourceAsStream(contract.getKey())) {
        assertTrue(in != null, contract.getKey() + " is not on the test class path");
        asyncapi = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
      for (String type : contract.getValue()) {
        assertTrue(asyncapi.contains("name: " + type), type + " missing from " + contract.getKey());
        assertTrue(readme.contains(type), type + " missing from README.md (events consumed)");
      }
    }
  }
}
