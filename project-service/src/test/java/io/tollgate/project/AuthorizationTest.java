package io.tollgate.project;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tollgate.testing.BolaMatrix;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No caller sees or changes a project they are not a member of; roles limit what members may do.
 * The matrix is generated from this service's OpenAPI document, so a new route is covered.
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "project"))
class AuthorizationTest {

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("olivia", "MEMBER");
  }

  /** A project owned by olivia, with victor as VIEWER and eddie as EDITOR. */
  UUID project() {
    String id =
        given()
            .contentType(ContentType.JSON)
            .body(
                "{\"key\":\"%s\",\"name\":\"Secret plans\",\"methodology\":\"AGILE\"}"
                    .formatted(ProjectApiTest.uniqueKey("Z")))
            .post("/api/v1/projects")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    addMember(id, "victor", "VIEWER");
    addMember(id, "eddie", "EDITOR");
    return UUID.fromString(id);
  }

  void addMember(String projectId, String user, String accessRole) {
    given()
        .contentType(ContentType.JSON)
        .body(
            ("{\"userId\":\"%s\",\"name\":\"%s\",\"email\":\"%s@example.com\",\"role\":\"ENGINEERING\","
                    + "\"influence\":3,\"interest\":3,\"accessRole\":\"%s\"}")
                .formatted(user, user, user, accessRole))
        .post("/api/v1/projects/" + projectId + "/stakeholders")
        .then()
        .statusCode(201);
  }

  /**
   * Real things of the project, by the name of the path parameter that names them, so that the
   * matrix's 404s and 403s are the access checks' and not answers about ids that name nothing.
   */
  Map<String, String> thingsOf(UUID id) {
    String project = "/api/v1/projects/" + id;
    Map<String, String> ids = new HashMap<>();
    ids.put(
        "stakeholderId",
        given()
            .queryParam("accessRole", "VIEWER")
            .get(project + "/stakeholders")
            .path("items[0].id"));
    ids.put(
        "costId",
        FinanceApiTest.cost(id.toString(), "2026-01-31", "\"10.00\"", "EUR", "LABOR")
            .then()
            .statusCode(201)
            .extract()
            .path("id"));
    ids.put(
        "benefitId",
        given()
            .contentType(ContentType.JSON)
            .body(
                "{\"description\":\"Saved licences\",\"amount\":\"20.00\",\"currency\":\"EUR\","
                    + "\"recurrence\":\"ONE_OFF\",\"startDate\":\"2026-10-01\"}")
            .post(project + "/benefits")
            .then()
            .statusCode(201)
            .extract()
            .path("id"));
    String kpi =
        KpiApiTest.define(id.toString(), "Uptime", "99.9", "HIGHER_IS_BETTER")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    ids.put("kpiId", kpi);
    ids.put(
        "measurementId",
        KpiApiTest.measure(project + "/kpis/" + kpi, "2026-01-31", "99.7")
            .then()
            .statusCode(201)
            .extract()
            .path("id"));
    ids.put(
        "transitionId",
        Api.transition(id.toString(), "PLANNING", "access checks")
            .then()
            .statusCode(201)
            .extract()
            .path("id"));
    // the owner reaches every read with these ids
    List<String> unreachable =
        BolaMatrix.reachable(
            BolaMatrix.projectScopedOperations(), id, ids, TestTokens.bearer("olivia", "MEMBER"));
    assertTrue(unreachable.isEmpty(), String.join("\n", unreachable));
    return ids;
  }

  @Test
  void aNonMemberGets404OnEveryProjectScopedRoute() {
    UUID id = project();
    List<BolaMatrix.Operation> operations = BolaMatrix.projectScopedOperations();
    assertTrue(operations.size() >= 10, "the matrix found too few routes: " + operations);
    List<String> failures =
        BolaMatrix.check(
            operations,
            id,
            thingsOf(id),
            TestTokens.bearer("mallory", "MEMBER"),
            false,
            s -> s == 404,
            "404");
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  @Test
  void aViewerCannotWriteAnywhere() {
    UUID id = project();
    List<String> failures =
        BolaMatrix.check(
            BolaMatrix.projectScopedOperations(),
            id,
            thingsOf(id),
            TestTokens.bearer("victor", "MEMBER"),
            true,
            s -> s == 403,
            "403");
    assertTrue(failures.isEmpty(), String.join("\n", failures));
    given()
        .header("Authorization", TestTokens.bearer("victor", "MEMBER"))
        .get("/api/v1/projects/" + id)
        .then()
        .statusCode(200);
  }

  @Test
  void anEditorWritesButOnlyAnOwnerManagesMembersAndArchives() {
    UUID id = project();
    String eddie = TestTokens.bearer("eddie", "MEMBER");
    given()
        .header("Authorization", eddie)
        .header("If-Match", "\"0\"")
        .contentType("application/merge-patch+json")
        .body("{\"description\":\"edited by eddie\"}")
        .patch("/api/v1/projects/" + id)
        .then()
        .statusCode(200);
    given()
        .header("Authorization", eddie)
        .contentType(ContentType.JSON)
        .body(
            "{\"userId\":\"x\",\"name\":\"X\",\"role\":\"QA\",\"influence\":1,\"interest\":1,\"accessRole\":\"OWNER\"}")
        .post("/api/v1/projects/" + id + "/stakeholders")
        .then()
        .statusCode(403);
    given()
        .header("Authorization", eddie)
        .header("If-Match", "\"1\"")
        .delete("/api/v1/projects/" + id)
        .then()
        .statusCode(403);
  }

  /**
   * Managing members is the OWNER's alone: an EDITOR can neither make themselves an OWNER nor
   * remove one. A second OWNER is on the project, so that the last-OWNER rule (409) cannot stand in
   * for the access check: without the check both changes would pass.
   */
  @Test
  void anEditorCannotChangeOrRemoveMembersNorMakeThemselvesOwner() {
    UUID id = project();
    addMember(id.toString(), "otto", "OWNER");
    String stakeholders = "/api/v1/projects/" + id + "/stakeholders";
    String members = members(stakeholders);
    String history = history(id);
    String eddie = TestTokens.bearer("eddie", "MEMBER");
    String eddiesRow = stakeholderOf(stakeholders, "eddie");
    String oliviasRow = stakeholderOf(stakeholders, "olivia");

    given()
        .header("Authorization", eddie)
        .header("If-Match", given().get(stakeholders + "/" + eddiesRow).header("ETag"))
        .contentType("application/merge-patch+json")
        .body("{\"accessRole\":\"OWNER\"}")
        .patch(stakeholders + "/" + eddiesRow)
        .then()
        .statusCode(403)
        .contentType(Api.PROBLEM)
        .body("detail", containsString("needs access role OWNER"));
    given()
        .header("Authorization", eddie)
        .header("If-Match", given().get(stakeholders + "/" + oliviasRow).header("ETag"))
        .delete(stakeholders + "/" + oliviasRow)
        .then()
        .statusCode(403)
        .contentType(Api.PROBLEM)
        .body("detail", containsString("needs access role OWNER"));

    assertEquals(members, members(stakeholders), "the members and their roles");
    assertTrue(members.contains("eddie:EDITOR") && members.contains("olivia:OWNER"), members);
    assertEquals(history, history(id), "the project's history");
  }

  /**
   * A PMO reads every project, as a member would, but is no member: every project-scoped write
   * answers 403, and nothing of the project changes.
   */
  @Test
  void aPmoReadsEveryProjectButWritesToNone() {
    UUID id = project();
    Map<String, String> things = thingsOf(id);
    String pat = TestTokens.bearer("pat", "PMO");
    List<BolaMatrix.Operation> operations = BolaMatrix.projectScopedOperations();
    // every read answers 200, so the writes' 403s are not a project hidden from pat
    List<String> unreadable = BolaMatrix.reachable(operations, id, things, pat);
    assertTrue(unreadable.isEmpty(), String.join("\n", unreadable));
    String project = given().get("/api/v1/projects/" + id).then().extract().header("ETag");
    String members = members("/api/v1/projects/" + id + "/stakeholders");
    String history = history(id);

    List<String> failures =
        BolaMatrix.check(operations, id, things, pat, true, s -> s == 403, "403");
    assertTrue(failures.isEmpty(), String.join("\n", failures));

    given()
        .get("/api/v1/projects/" + id)
        .then()
        .statusCode(200)
        .header("ETag", project)
        .body("archived", equalTo(false));
    assertEquals(members, members("/api/v1/projects/" + id + "/stakeholders"));
    assertEquals(history, history(id), "the project's history");
  }

  /** The id of the user's stakeholder row. */
  private static String stakeholderOf(String stakeholders, String userId) {
    return given()
        .queryParam("userId", userId)
        .get(stakeholders)
        .then()
        .statusCode(200)
        .body("totalItems", equalTo(1))
        .extract()
        .path("items[0].id");
  }

  /** Every member with their access role and version, as the owner reads them. */
  private static String members(String stakeholders) {
    List<Map<String, Object>> items =
        given()
            .queryParam("size", 100)
            .get(stakeholders)
            .then()
            .statusCode(200)
            .extract()
            .path("items");
    return items.stream()
        .map(m -> m.get("userId") + ":" + m.get("accessRole") + ":v" + m.get("version"))
        .sorted()
        .toList()
        .toString();
  }

  /** How many changes the project's history holds, and the newest of them. */
  private static String history(UUID id) {
    var page =
        given()
            .queryParam("size", 1)
            .get("/api/v1/projects/" + id + "/history")
            .then()
            .statusCode(200)
            .extract();
    return page.path("totalItems") + " changes, newest " + page.path("items[0].id");
  }

  @Test
  void listsOnlyShowWhatTheCallerMaySeeButPmoAndAdminSeeAll() {
    UUID id = project();
    String text = "Secret plans";
    String key = given().get("/api/v1/projects/" + id).path("key");
    for (String list : List.of("/api/v1/projects", "/api/v1/portfolio")) {
      given()
          .header("Authorization", TestTokens.bearer("mallory", "MEMBER"))
          .queryParam("text", key)
          .get(list)
          .then()
          .statusCode(200)
          .body("totalItems", equalTo(0));
      for (String role : List.of("PMO", "ADMIN")) {
        given()
            .header("Authorization", TestTokens.bearer("auditor", role))
            .queryParam("text", key)
            .get(list)
            .then()
            .statusCode(200)
            .body("totalItems", equalTo(1));
      }
    }
    for (String role : List.of("PMO", "ADMIN")) {
      given()
          .header("Authorization", TestTokens.bearer("auditor", role))
          .get("/api/v1/projects/" + id)
          .then()
          .statusCode(200)
          .body("name", equalTo(text));
    }
    given()
        .header("Authorization", TestTokens.bearer("mallory", "MEMBER"))
        .get("/api/v1/projects/" + UUID.randomUUID())
        .then()
        .statusCode(404);
  }

  /**
   * UUID.fromString, which reads the id from the path, also takes spellings that are not an id's
   * canonical form. None of them may pass over the membership check: a project id is only ever read
   * in its canonical form, and anything else names no project (404), for a stranger and for the
   * owner alike.
   */
  @Test
  void anIdSpelledAnyOtherWayNamesNoProject() {
    UUID id = project();
    Map<String, String> things = thingsOf(id);
    String canonical = id.toString();
    List<String> spellings = new java.util.ArrayList<>();
    // a fullwidth form of the first and of the last digit (U+FF10-FF19, U+FF41-FF46)
    for (int at : new int[] {0, 35}) {
      char c = canonical.charAt(at);
      char fullwidth = (char) (Character.isDigit(c) ? 0xFF10 + (c - '0') : 0xFF41 + (c - 'a'));
      spellings.add(canonical.substring(0, at) + fullwidth + canonical.substring(at + 1));
    }
    // another script's digit (Arabic-Indic, U+0660-0669) for the first decimal digit
    for (int at = 0; at < canonical.length(); at++) {
      char c = canonical.charAt(at);
      if (Character.isDigit(c)) {
        spellings.add(
            canonical.substring(0, at) + (char) (0x0660 + (c - '0')) + canonical.substring(at + 1));
        break;
      }
    }
    // a group without its leading zero, or with a '+' in its place, when a group has one
    for (String group : canonical.split("-")) {
      if (group.startsWith("0")) {
        spellings.add(canonical.replaceFirst(group, group.substring(1)));
        spellings.add(canonical.replaceFirst(group, "+" + group.substring(1)));
        break;
      }
    }
    for (String spelling : spellings) {
      // each of them names the project as far as UUID.fromString is concerned
      assertTrue(UUID.fromString(spelling).equals(id), spelling);
    }
    List<String> failures = new java.util.ArrayList<>();
    for (BolaMatrix.Operation op : BolaMatrix.projectScopedOperations()) {
      for (String spelling : spellings) {
        for (String user : List.of("mallory", "olivia")) {
          int status =
              given()
                  .header("Authorization", TestTokens.bearer(user, "MEMBER"))
                  .header("If-Match", "\"0\"")
                  .contentType(
                      op.method().equals("PATCH")
                          ? "application/merge-patch+json"
                          : "application/json")
                  .body(op.method().equals("GET") || op.method().equals("DELETE") ? "" : "{}")
                  .request(op.method(), op.path(id, things).replace(canonical, spelling))
                  .statusCode();
          if (status != 404) {
            failures.add(user + " " + op + " as " + spelling + " answered " + status);
          }
        }
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  /**
   * An API key limited to some projects (its token's {@code projects} claim) lists only those,
   * though its owner may see more, and creates no project outside them; a read-only key changes
   * nothing, on a project path or not.
   */
  @Test
  void aKeyLimitedToProjectsListsOnlyThoseAndAReadOnlyKeyWritesNothing() {
    UUID allowed = project();
    UUID other = project();
    String limited =
        TestTokens.bearerWith(
            "\"scope\":\"READ_WRITE\",\"projects\":[\"" + allowed + "\"]", "olivia", "MEMBER");
    for (String list : List.of("/api/v1/projects", "/api/v1/portfolio")) {
      List<String> ids =
          given()
              .header("Authorization", limited)
              .queryParam("size", 200)
              .get(list)
              .then()
              .statusCode(200)
              .extract()
              .path(list.endsWith("portfolio") ? "items.projectId" : "items.id");
      assertTrue(ids.contains(allowed.toString()), list + ": " + ids);
      assertFalse(ids.contains(other.toString()), list + ": " + ids);
    }
    given()
        .header("Authorization", limited)
        .get("/api/v1/projects/" + other)
        .then()
        .statusCode(404);
    given()
        .header("Authorization", limited)
        .contentType(ContentType.JSON)
        .body(
            "{\"key\":\"%s\",\"name\":\"Side project\",\"methodology\":\"AGILE\"}"
                .formatted(ProjectApiTest.uniqueKey("K")))
        .post("/api/v1/projects")
        .then()
        .statusCode(403);
    String readOnly = TestTokens.bearerWith("\"scope\":\"READ_ONLY\"", "olivia", "MEMBER");
    given()
        .header("Authorization", readOnly)
        .contentType(ContentType.JSON)
        .body(
            "{\"key\":\"%s\",\"name\":\"Side project\",\"methodology\":\"AGILE\"}"
                .formatted(ProjectApiTest.uniqueKey("K")))
        .post("/api/v1/projects")
        .then()
        .statusCode(403);
    given()
        .header("Authorization", readOnly)
        .get("/api/v1/projects/" + allowed)
        .then()
        .statusCode(200);
  }

  /**
   * A change made with an API key is in the audit under the key's owner and the key; a key's
   * Idempotency-Keys are its own, so a key limited to one project cannot replay what its owner
   * created elsewhere with another credential.
   */
  @Test
  void aChangeMadeWithAnApiKeyNamesTheKeyAndItsIdempotencyKeysAreItsOwn() {
    UUID project = project();
    UUID apiKey = UUID.randomUUID();
    String withKey =
        TestTokens.bearerWith(
            "\"scope\":\"READ_WRITE\",\"api_key_id\":\"" + apiKey + "\"", "olivia", "MEMBER");
    String cost =
        "{\"date\":\"2026-01-31\",\"amount\":\"10.00\",\"currency\":\"EUR\",\"category\":\"LABOR\"}";
    String idempotencyKey = UUID.randomUUID().toString();
    given()
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", idempotencyKey)
        .body(cost)
        .post("/api/v1/projects/" + project + "/costs")
        .then()
        .statusCode(201);
    // the same key and body with the API key: a create of its own, not the owner's replayed
    given()
        .header("Authorization", withKey)
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", idempotencyKey)
        .body(cost)
        .post("/api/v1/projects/" + project + "/costs")
        .then()
        .statusCode(201)
        .header("Idempotent-Replayed", (String) null);
    given()
        .queryParam("size", 2)
        .get("/api/v1/projects/" + project + "/history")
        .then()
        .statusCode(200)
        .body("items[0].action", equalTo("COST_RECORDED"))
        .body("items[0].actor", equalTo("olivia"))
        .body("items[0].apiKeyId", equalTo(apiKey.toString()))
        .body("items[1].action", equalTo("COST_RECORDED"))
        .body("items[1].actor", equalTo("olivia"))
        .body("items[1].apiKeyId", equalTo(null));
  }
}
