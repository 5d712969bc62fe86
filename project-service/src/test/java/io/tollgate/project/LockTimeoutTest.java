package io.tollgate.project;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.UUID;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A write stuck behind another session's lock gives up after the session's lock timeout (3 s in
 * tests, {@code tollgate.database.lock-timeout}) with a 409 that invites a retry, instead of
 * holding a worker and a pooled connection for as long as the other session keeps its lock; and it
 * leaves nothing behind. A 409 and not a 503: the gateway counts a service's 503s against its
 * circuit (ADR 0004), so five writes queued on one row made every read of the service fail.
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "project"))
class LockTimeoutTest {

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  @Test
  void aWriteBehindAStuckLockIsRefusedWithARetryAndChangesNothing() throws Exception {
    String id = Api.project(null);
    String path = "/api/v1/projects/" + id;
    int historyBefore =
        given().get(path + "/history").then().statusCode(200).extract().path("totalItems");
    Config config = ConfigProvider.getConfig();
    try (Connection stuck =
        DriverManager.getConnection(
            config.getValue("quarkus.datasource.jdbc.url", String.class),
            config.getValue("quarkus.datasource.username", String.class),
            config.getValue("quarkus.datasource.password", String.class))) {
      stuck.setAutoCommit(false);
      try (var lock = stuck.prepareStatement("select id from project where id = ? for update")) {
        lock.setObject(1, UUID.fromString(id));
        lock.executeQuery().close();
      }
      given()
          .contentType("application/merge-patch+json")
          .header("If-Match", "\"0\"")
          .body("{\"name\":\"renamed while locked\"}")
          .patch(path)
          .then()
          .statusCode(409)
          .contentType(Api.PROBLEM)
          .header("Retry-After", notNullValue())
          .body("type", equalTo("https://tollgate.io/problems/contended"))
          .body("title", equalTo("Concurrent work on the same data"))
          .body("status", equalTo(409))
          .body("detail", containsString("can be retried"));
      stuck.rollback();
    }
    given()
        .get(path)
        .then()
        .statusCode(200)
        .header("ETag", "\"0\"")
        .body("name", startsWith("Gate test"));
    given().get(path + "/history").then().body("totalItems", equalTo(historyBefore));
    // once the lock is gone the same request goes through
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"name\":\"renamed\"}")
        .patch(path)
        .then()
        .statusCode(200)
        .body("name", equalTo("renamed"));
  }

  /**
   * The document says so: every change may answer the contended 409 with Retry-After, and the 503
   * is only for a database that cannot be reached.
   */
  @Test
  void theDocumentGivesContentionA409WithRetryAfter() {
    String operation = "paths.'/api/v1/projects/{id}'.patch.responses.";
    given()
        .queryParam("format", "json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(operation + "'409'.description", containsString("contended"))
        .body(operation + "'409'.headers", hasKey("Retry-After"))
        .body(operation + "'503'.description", not(containsString("concurrent")))
        .body(operation + "'503'.headers", hasKey("Retry-After"))
        // a create without a 409 of its own, too
        .body(
            "paths.'/api/v1/projects/{id}/costs'.post.responses.'409'.headers",
            hasKey("Retry-After"));
  }
}
