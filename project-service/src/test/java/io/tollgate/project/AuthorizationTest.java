package io.tollgate.project;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tollgate.testing.BolaMatrix;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.util.List;
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

  @Test
  void aNonMemberGets404OnEveryProjectScopedRoute() {
    UUID id = project();
    List<BolaMatrix.Operation> operations = BolaMatrix.projectScopedOperations();
    assertTrue(operations.size() >= 10, "the matrix found too few routes: " + operations);
    List<String> failures =
        BolaMatrix.check(
            operations, id, TestTokens.bearer("mallory", "MEMBER"), false, s -> s == 404, "404");
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  @Test
  void aViewerCannotWriteAnywhere() {
    UUID id = project();
    List<String> failures =
        BolaMatrix.check(
            BolaMatrix.projectScopedOperations(),
            id,
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

  @Test
  void listsOnlyShowWhatTheCallerMaySeeButPmoAndAdminSeeAll() {
    UUID id = project();
    String text = "Secret plans";
    List<String> mallorys =
        given()
            .header("Authorization", TestTokens.bearer("mallory", "MEMBER"))
            .queryParam("size", 200)
            .get("/api/v1/projects")
            .then()
            .statusCode(200)
            .extract()
            .path("items.id");
    assertFalse(mallorys.contains(id.toString()));
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
}
