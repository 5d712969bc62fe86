package io.tollgate.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tollgate.testing.LoggedErrors;
import io.tollgate.testing.TestTokens;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/**
 * The gateway's own log lines about a request carry its X-Request-Id in the MDC ({@code requestId},
 * a field of every JSON log line), as the services' do, on the event loop and on worker threads.
 */
@QuarkusTest
class RequestIdInLogsTest {

  @Test
  void gatewayLogLinesCarryTheRequestId() throws Exception {
    List<String> lines =
        LoggedErrors.describedDuring(RequestIdInLogsTest::requestIdAndWhat, this::threeRequests);
    assertThat(lines.get(0), is("mdc-refused-1 token refused"));
    assertThat(lines.get(1), is("mdc-create-1 API key created"));
    // the third request's own id, a UUID the gateway made
    assertThat(lines.get(2), matchesPattern("[0-9a-f-]{36} token refused"));
    assertThat(lines.size(), is(3));
  }

  private void threeRequests() {
    // logged on the event loop (at DEBUG in the tests): a token is refused
    given()
        .header("Authorization", "Bearer " + TestTokens.expired("dave"))
        .header("X-Request-Id", "mdc-refused-1")
        .when()
        .get("/api/v1/projects")
        .then()
        .statusCode(401);
    // logged on a worker thread: an API key is created
    given()
        .header("Authorization", TestTokens.bearer("root", "ADMIN"))
        .header("X-Request-Id", "mdc-create-1")
        .contentType(ContentType.JSON)
        .body(
            new JsonObject()
                .put("name", "mdc")
                .put("scope", "READ_ONLY")
                .put("ownerId", "mdc-owner")
                .encode())
        .when()
        .post("/api/v1/api-keys")
        .then()
        .statusCode(201);
    // a request without one gets its own, not the last one's
    given()
        .header("Authorization", "Bearer " + TestTokens.expired("erin"))
        .when()
        .get("/api/v1/projects")
        .then()
        .statusCode(401);
  }

  /** "<MDC requestId> <what>" for the log lines of this test's requests, else null. */
  private static String requestIdAndWhat(LogRecord record) {
    if (!(record instanceof ExtLogRecord ext)) {
      return null;
    }
    String message = ext.getFormattedMessage();
    String id = ext.getMdc("requestId");
    if (message.startsWith("Bearer token rejected")) {
      return id + " token refused";
    } else if (message.contains("created by root") && message.contains("mdc-owner")) {
      return id + " API key created";
    }
    return null;
  }
}
