package io.tollgate.risk;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.risk.messaging.RiskEvents;
import io.tollgate.testing.OpenApiExamples;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keeps the risk API's OpenAPI document, README and AsyncAPI document true to the code. */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "risk"))
class RiskDocumentationTest {

  /** operationId: method and path of the risk operations (ADR 0025). */
  static final Map<String, String> OPERATIONS =
      Map.of(
          "createRisk", "POST /api/v1/risks",
          "listRisks", "GET /api/v1/risks",
          "getRisk", "GET /api/v1/risks/{id}",
          "updateRisk", "PATCH /api/v1/risks/{id}",
          "closeRisk", "POST /api/v1/risks/{id}/closure",
          "reopenRisk", "DELETE /api/v1/risks/{id}/closure",
          "listRiskAssessments", "GET /api/v1/risks/{id}/assessments",
          "getRiskHeatmap", "GET /api/v1/risks/heatmap",
          "getRiskExposure", "GET /api/v1/risks/exposure");

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  static JsonNode openapi() throws Exception {
    return new ObjectMapper()
        .readTree(given().queryParam("format", "json").get("/q/openapi").asString());
  }

  /** Each operation of the document by "METHOD path". */
  static Map<String, JsonNode> operations(JsonNode openapi) {
    Map<String, JsonNode> found = new HashMap<>();
    for (Iterator<String> paths = openapi.path("paths").fieldNames(); paths.hasNext(); ) {
      String path = paths.next();
      openapi
          .path("paths")
          .path(path)
          .fields()
          .forEachRemaining(
              e -> found.put(e.getKey().toUpperCase(Locale.ROOT) + " " + path, e.getValue()));
    }
    return found;
  }

  static void assertProblem(JsonNode operation, String status, String name) {
    assertTrue(
        operation.path("responses").path(status).path("content").has("application/problem+json"),
        name + " does not document its " + status + " as a problem");
  }

  @Test
  void everyRiskOperationIsDocumentedWithItsIdAndItsRefusals() throws Exception {
    Map<String, JsonNode> operations = operations(openapi());
    OPERATIONS.forEach(
        (id, name) -> {
          JsonNode op = operations.get(name);
          assertTrue(op != null, name + " is not in /q/openapi");
          assertEquals(id, op.path("operationId").asText(), name);
          assertTrue(op.hasNonNull("summary") && op.hasNonNull("description"), name);
          assertProblem(op, "400", name);
          assertProblem(op, "401", name);
          assertProblem(op, "404", name);
          boolean changesOne = name.contains("{id}") && !name.startsWith("GET");
          if (changesOne) {
            assertProblem(op, "403", name);
            assertProblem(op, "409", name);
            assertProblem(op, "412", name);
            assertProblem(op, "428", name);
            boolean required = false;
            for (JsonNode parameter : op.path("parameters")) {
              required |=
                  "If-Match".equalsIgnoreCase(parameter.path("name").asText())
                      && parameter.path("required").asBoolean();
            }
            assertTrue(required, name + ": If-Match is documented as required");
          }
        });
    assertProblem(operations.get("POST /api/v1/risks"), "403", "createRisk");
    assertProblem(operations.get("POST /api/v1/risks"), "409", "createRisk");
    assertProblem(operations.get("POST /api/v1/risks"), "422", "createRisk");
    assertTrue(
        operations.get("GET /api/v1/risks/{id}").path("responses").has("304"),
        "getRisk documents its 304");
  }

  @Test
  void theRiskBodiesHaveExamplesThatMatchTheirSchemas() throws Exception {
    JsonNode openapi = openapi();
    List<String> missing =
        OpenApiExamples.missing(openapi).stream()
            .filter(m -> OPERATIONS.values().stream().anyMatch(op -> m.startsWith(op + " ")))
            .toList();
    assertEquals(List.of(), missing, "bodies without an example");
    List<String> wrong =
        OpenApiExamples.nonConforming(openapi).stream()
            .filter(
                m ->
                    OPERATIONS.values().stream().anyMatch(op -> m.startsWith(op + " "))
                        || m.matches(
                            "schema (Risk|RiskCreate|RiskPatch|RiskClosure|RiskAssessment"
                                + "|RiskHeatmap|RiskHeatmapCell|RiskExposure|RiskPage"
                                + "|RiskAssessmentPage)\\b.*"))
            .toList();
    assertEquals(List.of(), wrong, "examples that break their schema");
  }

  @Test
  void everyEventTypeAndOperationIsInTheContractAndTheReadme() throws Exception {
    String asyncapi =
        given().get("/asyncapi/asyncapi.yaml").then().statusCode(200).extract().asString();
    String readme = Files.readString(Path.of("README.md"));
    for (String type : List.of(RiskEvents.ASSESSED, RiskEvents.CLOSED)) {
      assertTrue(asyncapi.contains("name: " + type), type + " missing from asyncapi.yaml");
      assertTrue(readme.contains("`" + type + "`"), type + " missing from README.md");
    }
    for (String name : OPERATIONS.values()) {
      String[] parts = name.split(" ");
      assertTrue(
          readme.contains("| " + parts[0] + " | `" + parts[1] + "` |"),
          name + " missing from README.md's endpoints");
    }
    assertFalse(readme.contains("no API of its own yet"));
    assertFalse(readme.contains("not yet published"));
  }
}
