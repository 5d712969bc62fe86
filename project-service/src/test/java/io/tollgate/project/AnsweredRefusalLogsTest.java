package io.tollgate.project;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tollgate.testing.LoggedErrors;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A refusal by the database that the service answers as the client's (a duplicate key's 409) puts
 * no warning in its log: alerts on warnings are for what operators must act on.
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "project"))
class AnsweredRefusalLogsTest {

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  @Test
  void aDuplicateKeyIsAnsweredWithoutAWarning() throws Exception {
    String key = ProjectApiTest.uniqueKey("W");
    create(key).then().statusCode(201);
    List<String> warnings =
        LoggedErrors.loggedDuring(Level.WARNING, () -> create(key).then().statusCode(409));
    // Hibernate's "ErrorCode: 0, SQLState: 23505" and the database's message, each a WARN line
    assertThat(warnings.stream().filter(w -> w.startsWith("org.hibernate")).toList(), empty());
  }

  private static Response create(String key) {
    return given()
        .contentType(ContentType.JSON)
        .body("{\"key\":\"%s\",\"name\":\"Warned\",\"methodology\":\"AGILE\"}".formatted(key))
        .post("/api/v1/projects");
  }
}
