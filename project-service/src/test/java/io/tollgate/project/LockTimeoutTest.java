package io.tollgate.project;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
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
 * tests, {@code tollgate.database.lock-timeout}) with a 503 that invites a retry, instead of
 * holding a worker and a pooled connection for as long as the other session keeps its lock; and it
 * leaves nothing behind.
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
          .statusCode(503)
          .contentType(Api.PROBLEM)
          .header("Retry-After", notNullValue())
          .body("status", equalTo(503))
          .body("detail", containsString("try again"));
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
}
