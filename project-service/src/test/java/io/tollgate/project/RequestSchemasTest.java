package io.tollgate.project;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The schemas of the request bodies say what the service enforces, so that a body a client checked
 * against the document, or a form generated from it, is not refused for what the document allows.
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "project"))
class RequestSchemasTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  /**
   * MoneyInput required nothing, while a budget without its currency or amount is refused ("must
   * not be null"). Each field of every create's example is left out in turn: the service refuses
   * the body naming that field exactly when the document lists it as required, at any depth.
   */
  @Test
  void aFieldIsRequiredByTheDocumentExactlyWhenTheServiceRefusesItsAbsence() throws Exception {
    JsonNode openapi = document();
    String project = Api.project(null);
    String kpi = KpiApiTest.define(project, "Uptime", "99.9", "HIGHER_IS_BETTER").path("id");
    int creates = 0;
    for (var path = openapi.path("paths").fields(); path.hasNext(); ) {
      var entry = path.next();
      JsonNode body =
          entry
              .getValue()
              .path("post")
              .path("requestBody")
              .path("content")
              .path("application/json");
      if (body.isMissingNode()) {
        continue;
      }
      String url = entry.getKey().replace("{id}", project).replace("{kpiId}", kpi);
      JsonNode schema = resolve(openapi, body.path("schema"));
      ObjectNode example = (ObjectNode) schema.path("examples").path(0).deepCopy();
      if (example.has("key")) {
        // a project's key is unique: one no other test uses
        example.put("key", ProjectApiTest.uniqueKey("RS"));
      }
      leaveOutEach(openapi, url, example, example, schema, "");
      creates++;
    }
    assertEquals(7, creates, "the creates whose bodies were checked");
  }

  /**
   * A budget in a merge patch may name its amount alone (the currency stays), as the patch's own
   * example does: its schema requires nothing, unlike a new project's budget.
   */
  @Test
  void aBudgetInAPatchRequiresNothing() throws Exception {
    JsonNode openapi = document();
    JsonNode patch =
        resolve(openapi, openapi.at("/components/schemas/ProjectPatch/properties/budget"));
    assertTrue(patch.path("required").isEmpty(), "a patched budget requires nothing: " + patch);
    assertEquals(
        List.of("amount", "currency"),
        texts(
            resolve(openapi, openapi.at("/components/schemas/ProjectCreate/properties/budget"))
                .path("required")));
    String project =
        "/api/v1/projects/" + Api.project("{\"amount\":\"1000.00\",\"currency\":\"EUR\"}");
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"budget\":{\"amount\":\"275000.00\"}}")
        .patch(project)
        .then()
        .statusCode(200)
        .body("budget.amount", equalTo("275000.00"))
        .body("budget.currency", equalTo("EUR"));
  }

  /**
   * A stakeholder's e-mail is checked as an address, and a currency as three capital letters, but
   * the document said only "string": it says so now, and the service refuses what it excludes.
   */
  @Test
  void formatsAndPatternsTheServiceChecksAreDocumented() throws Exception {
    JsonNode openapi = document();
    for (String schema : List.of("StakeholderCreate", "StakeholderPatch")) {
      assertEquals(
          "email",
          resolveProperty(openapi, schema, "email").path("format").asText(),
          schema + ".email");
    }
    for (String schema : List.of("MoneyInput", "CostEntryCreate", "BenefitCreate")) {
      assertEquals(
          "^[A-Z]{3}$",
          resolveProperty(openapi, schema, "currency").path("pattern").asText(),
          schema + ".currency");
    }
    String project = Api.project(null);
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"userId\":\"erin\",\"name\":\"Erin\",\"email\":\"erin at example\",\"role\":\"QA\","
                + "\"influence\":1,\"interest\":1,\"accessRole\":\"VIEWER\"}")
        .post(StakeholderApiTest.url(project))
        .then()
        .statusCode(400)
        .body("violations.field", equalTo(List.of("email")));
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"date\":\"2026-02-28\",\"amount\":\"5.00\",\"currency\":\"eur\",\"category\":\"LABOR\"}")
        .post("/api/v1/projects/" + project + "/costs")
        .then()
        .statusCode(400)
        .body("violations.field", equalTo(List.of("currency")));
  }

  /**
   * Sends {@code whole} without each field of {@code at} (the object at {@code prefix} in it) in
   * turn, and compares whether the answer names the field with whether {@code schema} requires it;
   * goes into nested objects the same way.
   */
  private static void leaveOutEach(
      JsonNode openapi, String url, ObjectNode whole, ObjectNode at, JsonNode schema, String prefix)
      throws Exception {
    List<String> names = new ArrayList<>();
    at.fieldNames().forEachRemaining(names::add);
    List<String> required = texts(schema.path("required"));
    for (String name : names) {
      JsonNode value = at.get(name);
      at.remove(name);
      JsonNode answer =
          JSON.readTree(
              given().contentType(ContentType.JSON).body(whole.toString()).post(url).asString());
      at.set(name, value);
      boolean refused = answer.path("violations").findValuesAsText("field").contains(prefix + name);
      assertEquals(
          refused,
          required.contains(name),
          "POST "
              + url
              + " without "
              + prefix
              + name
              + ": "
              + answer
              + "; the schema requires "
              + required);
      if (value.isObject()) {
        leaveOutEach(
            openapi,
            url,
            whole,
            (ObjectNode) value,
            resolve(openapi, schema.path("properties").path(name)),
            prefix + name + ".");
      }
    }
  }

  private static JsonNode resolveProperty(JsonNode openapi, String schema, String property) {
    return resolve(
        openapi,
        openapi.path("components").path("schemas").path(schema).path("properties").path(property));
  }

  /** The schema {@code schema} refers to, or its branch that is not null. */
  private static JsonNode resolve(JsonNode openapi, JsonNode schema) {
    String ref = schema.path("$ref").asText("");
    if (ref.startsWith("#/components/schemas/")) {
      return resolve(openapi, openapi.path("components").path("schemas").path(ref.substring(21)));
    }
    for (JsonNode branch : schema.path("anyOf")) {
      if (!"null".equals(branch.path("type").asText())) {
        return resolve(openapi, branch);
      }
    }
    return schema;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(t -> texts.add(t.asText()));
    return texts;
  }

  private static JsonNode document() throws Exception {
    return JSON.readTree(given().queryParam("format", "json").get("/q/openapi").asString());
  }
}
