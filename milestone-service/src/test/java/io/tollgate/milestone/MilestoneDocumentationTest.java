package io.tollgate.milestone;

import static io.restassured.RestAssured.given;
import static io.tollgate.testing.OpenApiOperations.assertDocumented;
import static io.tollgate.testing.OpenApiOperations.assertExamples;
import static io.tollgate.testing.OpenApiOperations.assertIfMatchRequired;
import static io.tollgate.testing.OpenApiOperations.assertProblem;
import static io.tollgate.testing.OpenApiOperations.assertReadmeLists;
import static io.tollgate.testing.OpenApiOperations.assertReadmeListsExactly;
import static io.tollgate.testing.OpenApiOperations.byName;
import static io.tollgate.testing.OpenApiOperations.document;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.milestone.messaging.MilestoneEvents;
import io.tollgate.milestone.messaging.RiskEventConsumer;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keeps the milestone API's OpenAPI document, README and AsyncAPI document true to the code. */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "milestone"))
class MilestoneDocumentationTest {

  /** operationId: method and path of the milestone operations (ADR 0024). */
  static final Map<String, String> OPERATIONS =
      Map.of(
          "createMilestone", "POST /api/v1/milestones",
          "listMilestones", "GET /api/v1/milestones",
          "getMilestone", "GET /api/v1/milestones/{id}",
          "updateMilestone", "PATCH /api/v1/milestones/{id}",
          "deleteMilestone", "DELETE /api/v1/milestones/{id}",
          "completeMilestone", "POST /api/v1/milestones/{id}/completion",
          "reopenMilestone", "DELETE /api/v1/milestones/{id}/completion",
          "rebaselineMilestone", "POST /api/v1/milestones/{id}/baselines",
          "listMilestoneBaselines", "GET /api/v1/milestones/{id}/baselines",
          "listMilestoneHistory", "GET /api/v1/milestones/{id}/history");

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  @Test
  void everyMilestoneOperationIsDocumentedWithItsIdAndItsRefusals() {
    Map<String, JsonNode> operations = byName(document());
    OPERATIONS.forEach(
        (id, name) -> {
          JsonNode op = assertDocumented(operations, id, name);
          assertProblem(op, "400", name);
          assertProblem(op, "401", name);
          if (name.contains("{id}")
              || name.startsWith("POST")
              || name.equals("GET /api/v1/milestones")) {
            assertProblem(op, "404", name);
          }
          boolean changesOne = name.contains("{id}") && !name.startsWith("GET");
          if (changesOne) {
            assertProblem(op, "403", name);
            assertProblem(op, "412", name);
            assertProblem(op, "428", name);
            assertIfMatchRequired(op, name);
          }
        });
    assertProblem(operations.get("POST /api/v1/milestones"), "409", "createMilestone");
    assertProblem(operations.get("POST /api/v1/milestones"), "422", "createMilestone");
    assertTrue(
        operations.get("GET /api/v1/milestones/{id}").path("responses").has("304"),
        "getMilestone documents its 304");
  }

  @Test
  void readmeListsExactlyTheOperationsOfTheOpenApiDocument() throws Exception {
    assertReadmeListsExactly(Path.of("README.md"), document());
  }

  @Test
  void theMilestoneBodiesHaveExamplesThatMatchTheirSchemas() {
    assertExamples(
        document(),
        OPERATIONS.values(),
        "Milestone|MilestoneCreate|MilestonePatch|MilestoneCompletion|BaselineCreate"
            + "|MilestoneBaseline|MilestoneHistoryEntry|MilestonePage|MilestoneBaselinePage"
            + "|MilestoneHistoryPage");
  }

  @Test
  void everyEventTypeIsInTheContractAndTheReadme() throws Exception {
    String asyncapi =
        given().get("/asyncapi/asyncapi.yaml").then().statusCode(200).extract().asString();
    String readme = Files.readString(Path.of("README.md"));
    for (String type :
        List.of(
            MilestoneEvents.CREATED,
            MilestoneEvents.UPDATED,
            MilestoneEvents.COMPLETED,
            MilestoneEvents.DELETED)) {
      assertTrue(asyncapi.contains("name: " + type), type + " missing from asyncapi.yaml");
      assertTrue(readme.contains("`" + type + "`"), type + " missing from README.md");
    }
    assertReadmeLists(readme, OPERATIONS.values());
    assertFalse(readme.contains("no API of its own yet"));
  }

  /** The risk events the forecast reads are in risk-service's contract and in the README. */
  @Test
  void everyConsumedRiskEventTypeIsInItsProducersContractAndTheReadme() throws Exception {
    String contract;
    try (var in =
        getClass().getClassLoader().getResourceAsStream("contracts/risk-service/asyncapi.yaml")) {
      assertTrue(in != null, "risk-service's asyncapi.yaml is not on the test class path");
      contract = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    String readme = Files.readString(Path.of("README.md"));
    for (String type : List.of(RiskEventConsumer.ASSESSED, RiskEventConsumer.CLOSED)) {
      assertTrue(
          contract.contains("name: " + type), type + " missing from risk-service's contract");
      assertTrue(readme.contains("`" + type + "`"), type + " missing from README.md");
    }
    assertTrue(readme.contains("`risk.events.milestone-service.dlq`"), "the dead-letter topic");
  }
}
