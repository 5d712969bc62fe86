package io.tollgate.project;

import static io.restassured.RestAssured.given;
import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document as the frontend teams' client generators (openapi-typescript, orval,
 * openapi-generator) read it: the names of the methods they make, and schemas without siblings they
 * read differently.
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "project"))
class GeneratedClientDocumentTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private static final Pattern CAMEL_CASE = Pattern.compile("^[a-z][A-Za-z0-9]*$");

  // the gateway's own operations, which the gateway's one document (ADR 0015) merges with these
  private static final Path GATEWAY_DOCUMENT =
      Path.of("../gateway/src/main/resources/META-INF/tollgate/gateway-openapi.json");

  /**
   * A generated client's method names. Renaming one breaks every client built on it, so a change
   * here is a change of the API: without operationIds a generator made names from the paths, which
   * changed with them.
   */
  private static final Map<String, String> OPERATION_IDS =
      Map.ofEntries(
          entry("POST /api/v1/projects", "createProject"),
          entry("GET /api/v1/projects", "listProjects"),
          entry("GET /api/v1/projects/{id}", "getProject"),
          entry("PATCH /api/v1/projects/{id}", "updateProject"),
          entry("DELETE /api/v1/projects/{id}", "archiveProject"),
          entry("POST /api/v1/projects/{id}/phase-transitions", "transitionProjectPhase"),
          entry("GET /api/v1/projects/{id}/phase-transitions", "listPhaseTransitions"),
          entry("GET /api/v1/projects/{id}/phase-transitions/{transitionId}", "getPhaseTransition"),
          entry("GET /api/v1/projects/{id}/gates", "checkGates"),
          entry("POST /api/v1/projects/{id}/stakeholders", "addStakeholder"),
          entry("GET /api/v1/projects/{id}/stakeholders", "listStakeholders"),
          entry("GET /api/v1/projects/{id}/stakeholders/{stakeholderId}", "getStakeholder"),
          entry("PATCH /api/v1/projects/{id}/stakeholders/{stakeholderId}", "updateStakeholder"),
          entry("DELETE /api/v1/projects/{id}/stakeholders/{stakeholderId}", "removeStakeholder"),
          entry("POST /api/v1/projects/{id}/costs", "recordCost"),
          entry("GET /api/v1/projects/{id}/costs", "listCosts"),
          entry("GET /api/v1/projects/{id}/costs/{costId}", "getCost"),
          entry("DELETE /api/v1/projects/{id}/costs/{costId}", "removeCost"),
          entry("POST /api/v1/projects/{id}/benefits", "addBenefit"),
          entry("GET /api/v1/projects/{id}/benefits", "listBenefits"),
          entry("GET /api/v1/projects/{id}/benefits/{benefitId}", "getBenefit"),
          entry("DELETE /api/v1/projects/{id}/benefits/{benefitId}", "removeBenefit"),
          entry("GET /api/v1/projects/{id}/analytics", "getProjectAnalytics"),
          entry("GET /api/v1/projects/{id}/health", "getProjectHealth"),
          entry("GET /api/v1/projects/{id}/history", "listProjectHistory"),
          entry("POST /api/v1/projects/{id}/kpis", "defineKpi"),
          entry("GET /api/v1/projects/{id}/kpis", "listKpis"),
          entry("GET /api/v1/projects/{id}/kpis/{kpiId}", "getKpi"),
          entry("PATCH /api/v1/projects/{id}/kpis/{kpiId}", "updateKpi"),
          entry("DELETE /api/v1/projects/{id}/kpis/{kpiId}", "removeKpi"),
          entry("POST /api/v1/projects/{id}/kpis/{kpiId}/measurements", "recordKpiMeasurement"),
          entry("GET /api/v1/projects/{id}/kpis/{kpiId}/measurements", "listKpiMeasurements"),
          entry(
              "GET /api/v1/projects/{id}/kpis/{kpiId}/measurements/{measurementId}",
              "getKpiMeasurement"),
          entry(
              "DELETE /api/v1/projects/{id}/kpis/{kpiId}/measurements/{measurementId}",
              "removeKpiMeasurement"),
          entry("GET /api/v1/portfolio", "getPortfolio"),
          entry("GET /api/v1/portfolio/gate-rules", "listGateRules"));

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  @Test
  void everyOperationHasItsOperationId() throws Exception {
    assertEquals(
        new TreeMap<>(OPERATION_IDS), operationIds(document()), "operationIds of /q/openapi");
  }

  /**
   * The operationIds name methods in one client made from the gateway's one document, where this
   * service's operations sit beside the gateway's own: each is camelCase and used once in all of
   * it.
   */
  @Test
  void operationIdsAreCamelCaseAndUniqueBesideTheGatewaysOwn() throws Exception {
    Map<String, String> served = operationIds(document());
    Map<String, String> gateway = operationIds(JSON.readTree(Files.readString(GATEWAY_DOCUMENT)));
    assertFalse(gateway.isEmpty(), "no operations in " + GATEWAY_DOCUMENT);
    List<String> all = new ArrayList<>(served.values());
    all.addAll(gateway.values());
    List<String> malformed = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    Set<String> repeated = new TreeSet<>();
    for (String id : all) {
      if (!CAMEL_CASE.matcher(id).matches()) {
        malformed.add(id);
      }
      if (!seen.add(id)) {
        repeated.add(id);
      }
    }
    assertEquals(List.of(), malformed, "operationIds that are not camelCase (or missing)");
    assertEquals(Set.of(), repeated, "operationIds used more than once");
    assertEquals(served.size() + gateway.size(), seen.size());
  }

  /**
   * A refused transition's from and to are a plain reference to the Phase schema: SmallRye put the
   * enum's type beside it, which generators read differently (some as an inline string). No schema
   * of the document keeps a type beside its reference.
   */
  @Test
  void aReferenceHasNoTypeBesideIt() throws Exception {
    JsonNode openapi = document();
    JsonNode refusal = openapi.at("/components/schemas/TransitionRefusal");
    assertEquals("#/components/schemas/Problem", refusal.at("/allOf/0/$ref").asText());
    for (String member : List.of("from", "to")) {
      JsonNode property = refusal.path("properties").path(member);
      assertEquals("#/components/schemas/Phase", property.path("$ref").asText(), member);
      Set<String> keys = new TreeSet<>();
      property.fieldNames().forEachRemaining(keys::add);
      assertEquals(Set.of("$ref", "description"), keys, "TransitionRefusal." + member);
    }

    List<String> typed = new ArrayList<>();
    Deque<Map.Entry<String, JsonNode>> pending = new ArrayDeque<>();
    pending.add(entry("", openapi));
    while (!pending.isEmpty()) {
      Map.Entry<String, JsonNode> node = pending.pop();
      JsonNode value = node.getValue();
      if (value.has("$ref") && value.has("type")) {
        typed.add(node.getKey() + ": " + value);
      }
      if (value.isObject()) {
        value
            .properties()
            .forEach(e -> pending.add(entry(node.getKey() + "/" + e.getKey(), e.getValue())));
      } else if (value.isArray()) {
        for (int i = 0; i < value.size(); i++) {
          pending.add(entry(node.getKey() + "/" + i, value.get(i)));
        }
      }
    }
    assertEquals(List.of(), typed, "references with a type beside them");
  }

  /** "METHOD path" to the operation's operationId ("" where it has none), in order. */
  private static Map<String, String> operationIds(JsonNode openapi) {
    Map<String, String> ids = new TreeMap<>();
    openapi
        .path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        operation -> {
                          if (METHODS.contains(operation.getKey())) {
                            ids.put(
                                operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                                operation.getValue().path("operationId").asText(""));
                          }
                        }));
    return ids;
  }

  private static JsonNode document() throws Exception {
    return JSON.readTree(given().queryParam("format", "json").get("/q/openapi").asString());
  }
}
