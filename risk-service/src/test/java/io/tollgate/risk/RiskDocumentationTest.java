package io.tollgate.risk;

import static io.restassured.RestAssured.given;
import static io.tollgate.testing.OpenApiOperations.assertDocumented;
import static io.tollgate.testing.OpenApiOperations.assertExamples;
import static io.tollgate.testing.OpenApiOperations.assertIfMatchRequired;
import static io.tollgate.testing.OpenApiOperations.assertProblem;
import static io.tollgate.testing.OpenApiOperations.assertReadmeLists;
import static io.tollgate.testing.OpenApiOperations.byName;
import static io.tollgate.testing.OpenApiOperations.document;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.risk.messaging.MilestoneEventConsumer;
import io.tollgate.risk.messaging.RiskEvents;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  @Test
  void everyRiskOperationIsDocumentedWithItsIdAndItsRefusals() {
    Map<String, JsonNode> operations = byName(document());
    OPERATIONS.forEach(
        (id, name) -> {
          JsonNode op = assertDocumented(operations, id, name);
          assertProblem(op, "400", name);
          assertProblem(op, "401", name);
          assertProblem(op, "404", name);
          boolean changesOne = name.contains("{id}") && !name.startsWith("GET");
          if (changesOne) {
            assertProblem(op, "403", name);
            assertProblem(op, "409", name);
            assertProblem(op, "412", name);
            assertProblem(op, "428", name);
            assertIfMatchRequired(op, name);
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
  void theRiskBodiesHaveExamplesThatMatchTheirSchemas() {
    assertExamples(
        document(),
        OPERATIONS.values(),
        "Risk|RiskCreate|RiskPatch|RiskClosure|RiskAssessment|RiskHeatmap|RiskHeatmapCell"
            + "|RiskExposure|RiskPage|RiskAssessmentPage");
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
    // the milestone events that raise SCHEDULE risks (ADR 0028) and where unreadable ones go
    for (String type :
        List.of(
            MilestoneEventConsumer.CREATED,
            MilestoneEventConsumer.UPDATED,
            MilestoneEventConsumer.COMPLETED,
            MilestoneEventConsumer.DELETED)) {
      assertTrue(readme.contains("`" + type + "`"), type + " missing from README.md");
    }
    assertTrue(readme.contains("`milestone.events.risk-service.dlq`"), "dead-letter topic");
    assertTrue(readme.contains("`raisedByMilestoneId`"), "raisedByMilestoneId in README.md");
    assertReadmeLists(readme, OPERATIONS.values());
    assertFalse(readme.contains("no API of its own yet"));
    assertFalse(readme.contains("not yet published"));
  }
}
