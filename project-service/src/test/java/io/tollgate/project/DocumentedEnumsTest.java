package io.tollgate.project;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Values taken from a fixed list are documented as an enum, so that a client generated from the
 * document gets a type for them, and a form offers the values the service takes.
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "project"))
class DocumentedEnumsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  /**
   * A history entry's action and entityType were plain strings, their values in prose only (and
   * HISTORY_STARTED, which entries written before the history API carry, in none). They are enums
   * now: entityType the one the entityType filter takes, and every answer of the tests is checked
   * against them ({@link DocumentedAnswers}).
   */
  @Test
  void aHistoryEntrysActionAndEntityTypeAreEnums() throws Exception {
    JsonNode openapi = document();
    JsonNode entry = openapi.at("/components/schemas/HistoryEntry/properties");
    JsonNode action = resolve(openapi, entry.path("action"));
    assertEquals(
        new TreeSet<>(
            List.of(
                "HISTORY_STARTED",
                "PROJECT_CREATED",
                "PROJECT_UPDATED",
                "PROJECT_ARCHIVED",
                "PHASE_CHANGED",
                "STAKEHOLDER_ADDED",
                "STAKEHOLDER_CHANGED",
                "STAKEHOLDER_REMOVED",
                "COST_RECORDED",
                "COST_REMOVED",
                "BENEFIT_ADDED",
                "BENEFIT_REMOVED",
                "KPI_DEFINED",
                "KPI_CHANGED",
                "KPI_REMOVED",
                "KPI_MEASURED",
                "KPI_MEASUREMENT_REMOVED")),
        new TreeSet<>(texts(action.path("enum"))),
        "HistoryEntry.action");
    JsonNode filter = null;
    for (JsonNode parameter :
        openapi.at("/paths/~1api~1v1~1projects~1{id}~1history/get/parameters")) {
      if (parameter.path("name").asText().equals("entityType")) {
        filter = parameter.path("schema");
      }
    }
    assertEquals(
        texts(resolve(openapi, filter).path("enum")),
        texts(resolve(openapi, entry.path("entityType")).path("enum")),
        "HistoryEntry.entityType and the entityType filter");
    // a project's own entries read as documented (DocumentedAnswers checks the answer)
    String project = Api.project(null);
    given().get("/api/v1/projects/" + project + "/history").then().statusCode(200);
  }

  /**
   * sort was free text, though the service takes only the keys its refusal lists: the document
   * gives the same keys as an enum, each ascending and descending, and the service takes each.
   */
  @Test
  void theSortOfAListIsAnEnumOfWhatTheServiceTakes() throws Exception {
    JsonNode openapi = document();
    // one project matches: the portfolio computes the figures an order other than key needs for
    // at most a few (tollgate.portfolio.computed-limit)
    String only = ProjectApiTest.uniqueKey("DE");
    Api.project(only, "AGILE", null);
    for (String list : List.of("/api/v1/projects", "/api/v1/portfolio")) {
      JsonNode sort = null;
      for (JsonNode parameter : openapi.path("paths").path(list).path("get").path("parameters")) {
        if (parameter.path("name").asText().equals("sort")) {
          sort = resolve(openapi, parameter.path("schema"));
        }
      }
      assertTrue(sort != null && sort.path("enum").isArray(), list + " documents sort as " + sort);
      String refusal =
          given()
              .queryParam("sort", "bogus")
              .get(list)
              .then()
              .statusCode(400)
              .extract()
              .path("violations[0].message");
      // "must be one of key, name, ..., optionally with a leading - for descending"
      Set<String> taken = new TreeSet<>();
      for (String key :
          refusal
              .replaceFirst("^must be one of ", "")
              .replaceFirst(", optionally with a leading - for descending$", "")
              .split(", ")) {
        taken.add(key);
        taken.add("-" + key);
      }
      assertEquals(taken, new TreeSet<>(texts(sort.path("enum"))), list + " sort");
      for (String value : taken) {
        given()
            .queryParam("sort", value)
            .queryParam("text", only)
            .get(list)
            .then()
            .statusCode(200)
            .body("totalItems", org.hamcrest.Matchers.equalTo(1));
      }
    }
  }

  private static JsonNode resolve(JsonNode openapi, JsonNode schema) {
    String ref = schema.path("$ref").asText("");
    if (ref.startsWith("#/components/schemas/")) {
      return resolve(
          openapi,
          openapi
              .path("components")
              .path("schemas")
              .path(ref.substring("#/components/schemas/".length())));
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
