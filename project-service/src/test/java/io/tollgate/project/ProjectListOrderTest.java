package io.tollgate.project;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A list of projects in the order a client asks for, stable across pages. */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "project"))
class ProjectListOrderTest {

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("olive", "MEMBER");
  }

  @Test
  void projectsAreListedByTheRequestedKeyWithoutADateLastAndTiesByKey() {
    // a word only these projects carry, so that the list holds them alone
    String tag = "ord" + UUID.randomUUID().toString().substring(0, 8);
    String a = ProjectApiTest.uniqueKey("OA");
    String b = ProjectApiTest.uniqueKey("OB");
    String c = ProjectApiTest.uniqueKey("OC");
    String d = ProjectApiTest.uniqueKey("OD");
    create(a, "Zeta " + tag, "\"2026-12-31\"");
    create(b, "alpha " + tag, null);
    create(c, "Mu " + tag, "\"2026-06-30\"");
    create(d, "Beta " + tag, "\"2026-06-30\"");

    assertOrder(tag, null, a, b, c, d);
    assertOrder(tag, "-key", d, c, b, a);
    assertOrder(tag, "targetDate", c, d, a, b);
    // descending too, the project without a target date comes last; equal dates stay by key
    assertOrder(tag, "-targetDate", a, c, d, b);
    // the latest changed first
    String url = "/api/v1/projects/" + id(tag, c);
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"description\":\"changed last\"}")
        .patch(url)
        .then()
        .statusCode(200);
    given()
        .queryParam("text", tag)
        .queryParam("sort", "-updatedAt")
        .get("/api/v1/projects")
        .then()
        .statusCode(200)
        .body("items[0].key", equalTo(c));

    // the next page keeps the order
    given()
        .queryParam("text", tag)
        .queryParam("sort", "-targetDate")
        .queryParam("size", 2)
        .get("/api/v1/projects")
        .then()
        .statusCode(200)
        .body("items.key", contains(a, c))
        .header("Link", containsString("sort=-targetDate"));
    given()
        .queryParam("text", tag)
        .queryParam("sort", "-targetDate")
        .queryParam("size", 2)
        .queryParam("page", 1)
        .get("/api/v1/projects")
        .then()
        .body("items.key", contains(d, b));
  }

  @Test
  void anUnknownSortKeyIsA400ThatListsTheKeys() {
    given()
        .queryParam("sort", "budget")
        .get("/api/v1/projects")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("violations[0].field", equalTo("sort"))
        .body(
            "violations[0].message",
            equalTo(
                "must be one of key, name, startDate, targetDate, createdAt, updatedAt,"
                    + " optionally with a leading - for descending"));
  }

  private static void assertOrder(String tag, String sort, String... keys) {
    var request = given().queryParam("text", tag);
    if (sort != null) {
      request.queryParam("sort", sort);
    }
    request.get("/api/v1/projects").then().statusCode(200).body("items.key", contains(keys));
  }

  private static String id(String tag, String key) {
    return given()
        .queryParam("text", tag)
        .get("/api/v1/projects")
        .then()
        .extract()
        .jsonPath()
        .getString("items.find { it.key == '" + key + "' }.id");
  }

  private static void create(String key, String name, String targetDate) {
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"key\":\"%s\",\"name\":\"%s\",\"methodology\":\"AGILE\",\"startDate\":\"2026-01-05\"%s}"
                .formatted(key, name, targetDate == null ? "" : ",\"targetDate\":" + targetDate))
        .post("/api/v1/projects")
        .then()
        .statusCode(201);
  }
}
