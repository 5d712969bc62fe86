package io.tollgate.gateway.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.gateway.http.Problems;
import io.tollgate.gateway.http.Problems.Kind;
import io.tollgate.testing.OpenApiExamples;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The gateway's own operations (its API keys), as its hand-written OpenAPI document gives them. */
class GatewayDocumentTest {

  @Test
  void everyBodyOfTheGatewaysOwnOperationsHasAnExample() throws Exception {
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("META-INF/tollgate/gateway-openapi.json")) {
      assertNotNull(in, "gateway-openapi.json is not on the class path");
      JsonNode document = new ObjectMapper().readTree(in);
      assertEquals(List.of(), OpenApiExamples.missing(document), "bodies without an example");
      assertEquals(
          List.of(), OpenApiExamples.nonConforming(document), "examples that break their schema");
    }
  }

  /**
   * The API key scheme stays in the document (integrators and client generators need it), but says
   * that it is refused from browsers, Swagger UI's Authorize included.
   */
  @Test
  void theApiKeySchemeSaysItIsNotForBrowsers() throws Exception {
    JsonObject scheme =
        own().getJsonObject("components").getJsonObject("securitySchemes").getJsonObject("ApiKey");
    assertEquals("X-Api-Key", scheme.getString("name"));
    String description = scheme.getString("description");
    assertTrue(description.contains("server-side clients only"), description);
    assertTrue(description.contains("Sec-Fetch-Mode"), description);
    assertTrue(description.contains("Swagger UI"), description);
  }

  /**
   * Every service documents a 503 of its own on every operation (its database cannot be reached,
   * rest-conventions' CommonProblemResponses); the gateway answers 503 for an open circuit on the
   * same operations. The merged document's 503 says both, with the gateway's problem schema and
   * Retry-After.
   */
  @Test
  void aForwardedOperationsServiceUnavailableSaysTheServicesAndTheGatewaysMeaning()
      throws Exception {
    JsonObject service =
        new JsonObject(
            """
            {"openapi": "3.1.0", "info": {"title": "risk-service", "version": "v1"},
             "paths": {
               "/api/v1/risks": {"get": {"responses": {
                 "200": {"description": "the risks"},
                 "503": {"description":
                     "The database cannot be reached just now; Retry-After says when to try again",
                   "content": {"application/problem+json": {}}}}}},
               "/api/v1/risks/{id}": {"get": {"responses": {
                 "200": {"description": "the risk"}}}}}}
            """);
    TreeMap<String, JsonObject> services = new TreeMap<>();
    services.put("risk-service", service);
    JsonObject merged = ApiDocuments.merge(own(), services, new TreeMap<>(), null);

    JsonObject unavailable =
        merged
            .getJsonObject("paths")
            .getJsonObject("/api/v1/risks")
            .getJsonObject("get")
            .getJsonObject("responses")
            .getJsonObject("503");
    String description = unavailable.getString("description");
    assertTrue(
        description.contains(
            "The database cannot be reached just now; Retry-After says when to try again"),
        description);
    assertTrue(description.contains("circuit is open"), description);
    assertEquals(
        "#/components/schemas/GatewayProblem",
        unavailable
            .getJsonObject("content")
            .getJsonObject("application/problem+json")
            .getJsonObject("schema")
            .getString("$ref"));
    assertEquals(
        "#/components/headers/Retry-After",
        unavailable.getJsonObject("headers").getJsonObject("Retry-After").getString("$ref"));
    assertEquals(
        "#/components/headers/X-Request-Id",
        unavailable.getJsonObject("headers").getJsonObject("X-Request-Id").getString("$ref"));
    // what the references name is in the merged document
    assertNotNull(
        merged.getJsonObject("components").getJsonObject("headers").getValue("Retry-After"));
    assertNotNull(
        merged.getJsonObject("components").getJsonObject("schemas").getValue("GatewayProblem"));

    // an operation without a 503 of its own gets the gateway's
    assertEquals(
        "#/components/responses/GatewayUnavailable",
        merged
            .getJsonObject("paths")
            .getJsonObject("/api/v1/risks/{id}")
            .getJsonObject("get")
            .getJsonObject("responses")
            .getJsonObject("503")
            .getString("$ref"));
  }

  /**
   * A client generated from the document reads only the members the schema declares: an invalid API
   * key request's problem (400) names its fields under violations, which must be one of them.
   */
  @Test
  void everyMemberOfAValidationProblemIsDeclared() throws Exception {
    JsonObject problem =
        Problems.body(
                Kind.BAD_REQUEST,
                "2 fields are not valid",
                "/api/v1/api-keys",
                "r-1",
                new JsonArray()
                    .add(new JsonObject().put("field", "name").put("message", "must not be blank"))
                    .add(new JsonObject().put("field", "ownerId").put("message", "must be given")))
            .toJsonObject();
    JsonObject schema =
        own().getJsonObject("components").getJsonObject("schemas").getJsonObject("GatewayProblem");
    Set<String> declared = schema.getJsonObject("properties").fieldNames();
    assertEquals(Set.of(), difference(problem.fieldNames(), declared), "undeclared members");
    JsonObject violation =
        schema
            .getJsonObject("properties")
            .getJsonObject("violations")
            .getJsonObject("items")
            .getJsonObject("properties");
    assertNotNull(violation, "violations has no item schema");
    for (Object entry : problem.getJsonArray("violations")) {
      assertEquals(
          Set.of(),
          difference(((JsonObject) entry).fieldNames(), violation.fieldNames()),
          "undeclared members of a violation");
    }
  }

  /**
   * Clients call every operation on the gateway's origin: the merged document says so with a
   * relative server, so that a generated client's base URL is the gateway's and not a guess.
   */
  @Test
  void theMergedDocumentsServerIsTheGatewaysOrigin() throws Exception {
    JsonObject merged = ApiDocuments.merge(own(), new TreeMap<>(), new TreeMap<>(), null);
    assertEquals(1, merged.getJsonArray("servers").size());
    assertEquals("/", merged.getJsonArray("servers").getJsonObject(0).getString("url"));
  }

  /**
   * Client generators name a method after its operation's operationId, else after its path (names
   * that change with it). The gateway's own operations have theirs, kept as they are: renaming one
   * breaks the clients built on it.
   */
  @Test
  void theGatewaysOwnOperationsHaveTheirOperationIds() throws Exception {
    assertEquals(
        new TreeMap<>(
            Map.of(
                "POST /api/v1/api-keys", "createApiKey",
                "GET /api/v1/api-keys", "listApiKeys",
                "GET /api/v1/api-keys/{id}", "getApiKey",
                "DELETE /api/v1/api-keys/{id}", "revokeApiKey")),
        operationIds(own()));
  }

  /**
   * One client is made from the merged document: every operation in it, the gateway's own and the
   * services' alike, has an operationId in camelCase that no other operation has.
   */
  @Test
  void everyOperationOfTheMergedDocumentHasAnOperationIdOfItsOwn() throws Exception {
    JsonObject service =
        new JsonObject(
            """
            {"openapi": "3.1.0", "info": {"title": "project-service", "version": "v1"},
             "paths": {
               "/api/v1/projects": {
                 "get": {"operationId": "listProjects",
                   "responses": {"200": {"description": "the projects"}}},
                 "post": {"operationId": "createProject",
                   "responses": {"201": {"description": "created"}}}},
               "/api/v1/projects/{id}": {"get": {"operationId": "getProject",
                 "responses": {"200": {"description": "the project"}}}}}}
            """);
    TreeMap<String, JsonObject> services = new TreeMap<>();
    services.put("project-service", service);
    Map<String, String> ids =
        operationIds(ApiDocuments.merge(own(), services, new TreeMap<>(), null));

    assertEquals(7, ids.size(), ids.toString());
    assertEquals("listProjects", ids.get("GET /api/v1/projects"));
    assertEquals("createApiKey", ids.get("POST /api/v1/api-keys"));
    List<String> malformed =
        ids.entrySet().stream()
            .filter(e -> !e.getValue().matches("^[a-z][A-Za-z0-9]*$"))
            .map(Map.Entry::getKey)
            .toList();
    assertEquals(List.of(), malformed, "operations without a camelCase operationId");
    assertEquals(ids.size(), Set.copyOf(ids.values()).size(), "operationIds used twice: " + ids);
  }

  /**
   * Two services that name an operation alike (each service picks its own ids) still give a client
   * two methods: the later one gets its service's name in front, as a clashing component does.
   */
  @Test
  void anOperationIdTwoServicesUseIsMadeUniqueWithTheLatersName() throws Exception {
    TreeMap<String, JsonObject> services = new TreeMap<>();
    services.put("milestone-service", serviceWith("/api/v1/milestones", "listItems"));
    services.put("risk-service", serviceWith("/api/v1/risks", "listItems"));
    services.put("zeta-service", serviceWith("/api/v1/zeta", "listApiKeys"));
    Map<String, String> ids =
        operationIds(ApiDocuments.merge(own(), services, new TreeMap<>(), null));

    assertEquals("listItems", ids.get("GET /api/v1/milestones"));
    assertEquals("riskServiceListItems", ids.get("GET /api/v1/risks"));
    // the gateway's own operations keep theirs
    assertEquals("listApiKeys", ids.get("GET /api/v1/api-keys"));
    assertEquals("zetaServiceListApiKeys", ids.get("GET /api/v1/zeta"));
    assertEquals(ids.size(), Set.copyOf(ids.values()).size(), "operationIds used twice: " + ids);
  }

  private static JsonObject serviceWith(String path, String operationId) {
    return new JsonObject()
        .put("openapi", "3.1.0")
        .put("info", new JsonObject().put("title", "a service").put("version", "v1"))
        .put(
            "paths",
            new JsonObject()
                .put(
                    path,
                    new JsonObject()
                        .put(
                            "get",
                            new JsonObject()
                                .put("operationId", operationId)
                                .put(
                                    "responses",
                                    new JsonObject()
                                        .put("200", new JsonObject().put("description", "ok"))))));
  }

  /** "METHOD path" to its operation's operationId ("" where it has none). */
  private static Map<String, String> operationIds(JsonObject document) {
    Map<String, String> ids = new TreeMap<>();
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace")
            .contains(method)) {
          ids.put(
              method.toUpperCase(Locale.ROOT) + " " + path,
              item.getJsonObject(method).getString("operationId", ""));
        }
      }
    }
    return ids;
  }

  private static Set<String> difference(Set<String> members, Set<String> declared) {
    Set<String> rest = new TreeSet<>(members);
    rest.removeAll(declared);
    return rest;
  }

  private JsonObject own() throws Exception {
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("META-INF/tollgate/gateway-openapi.json")) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
