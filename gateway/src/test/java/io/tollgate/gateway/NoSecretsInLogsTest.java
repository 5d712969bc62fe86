package io.tollgate.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tollgate.testing.LoggedErrors;
import io.tollgate.testing.TestTokens;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/**
 * Runs requests with every kind of credential, valid and not, through every path that logs
 * (upstream failures, refusals, API key management) and asserts that none of the credentials used,
 * nor the tokens the gateway minted, appear in anything the gateway logged meanwhile. The test
 * profile logs {@code io.tollgate} and the JWT library at DEBUG, so debug lines are checked too.
 */
@QuarkusTest
class NoSecretsInLogsTest {

  private static final Pattern ANY_JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ");
  private static final Pattern ANY_API_KEY = Pattern.compile("tgk_[A-Za-z0-9_-]{20,}");

  @Test
  void noCredentialReachesTheLog() throws Exception {
    List<String> secrets = new ArrayList<>();
    List<String> lines =
        LoggedErrors.describedDuring(NoSecretsInLogsTest::wholly, () -> exercise(secrets));
    // the capture works: the key management lines of this run are there
    assertThat(lines.stream().anyMatch(l -> l.contains("created by root")), is(true));
    assertThat(lines.stream().anyMatch(l -> l.contains("Bearer token rejected")), is(true));
    List<String> leaks = new ArrayList<>();
    for (String line : lines) {
      for (String secret : secrets) {
        if (line.contains(secret)) {
          leaks.add("a credential of this test: " + abbreviate(line));
        }
      }
      if (ANY_JWT.matcher(line).find() || ANY_API_KEY.matcher(line).find()) {
        leaks.add("something that looks like a credential: " + abbreviate(line));
      }
    }
    assertThat(leaks, is(empty()));
  }

  private void exercise(List<String> secrets) {
    String member = TestTokens.token("eve", "MEMBER");
    String admin = TestTokens.token("root", "ADMIN");
    String expired = TestTokens.expired("eve");
    String foreign = TestTokens.foreignSignature("eve");
    String wrongAudience = TestTokens.wrongAudience("eve");
    secrets.addAll(List.of(member, admin, expired, foreign, wrongAudience));
    // the signature alone would be enough to find a token in a log
    List.copyOf(secrets).forEach(t -> secrets.add(t.substring(t.lastIndexOf('.') + 1)));

    for (String token : List.of(member, expired, foreign, wrongAudience, "garbage")) {
      given().header("Authorization", "Bearer " + token).get("/api/v1/risks/1");
      given().header("Authorization", "Bearer " + token).get("/api/v1/test-dead/1");
      given().header("Authorization", "Bearer " + token).get("/api/v1/projects/hangup");
      given().header("Authorization", "Bearer " + token).get("/api/v1/nowhere");
    }
    given().header("Authorization", "Basic " + member).get("/api/v1/risks/1");

    String secret =
        given()
            .header("Authorization", "Bearer " + admin)
            .contentType(ContentType.JSON)
            .body("{\"name\":\"log-test\",\"scope\":\"READ_ONLY\",\"ownerId\":\"log-owner\"}")
            .post("/api/v1/api-keys")
            .then()
            .statusCode(201)
            .extract()
            .path("secret");
    secrets.add(secret);
    secrets.add(secret.substring(4));
    String id =
        given()
            .header("Authorization", "Bearer " + admin)
            .get("/api/v1/api-keys?size=200")
            .then()
            .extract()
            .jsonPath()
            .getString("items.find { it.name == 'log-test' }.id");

    List<String> forwarded =
        given()
            .header("X-Api-Key", secret)
            .get("/api/v1/risks/1")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("headers.'authorization'", String.class);
    String minted = forwarded.get(0).substring("Bearer ".length());
    secrets.add(minted);
    secrets.add(minted.substring(minted.lastIndexOf('.') + 1));
    given().header("Authorization", "ApiKey " + secret).get("/api/v1/test-dead/1");
    given().header("X-Api-Key", secret).post("/api/v1/risks");
    given().header("X-Api-Key", secret).get("/api/v1/api-keys");
    given().header("Authorization", "Bearer " + admin).delete("/api/v1/api-keys/" + id);
    given().header("X-Api-Key", secret).get("/api/v1/risks/1").then().statusCode(401);
    String guess = "tgk_" + UUID.randomUUID().toString().replace("-", "") + "0123456789a";
    secrets.add(guess);
    given().header("X-Api-Key", guess).get("/api/v1/risks/1").then().statusCode(401);
    assertThat(secrets, not(hasItem((String) null)));
  }

  private static String abbreviate(String line) {
    // never print a whole leaked credential into the test report either
    return line.length() > 60 ? line.substring(0, 60) + "…" : line;
  }

  /** A record as a log line would show it: formatted, with its parameters and stack trace. */
  private static String wholly(LogRecord record) {
    StringBuilder text = new StringBuilder(record.getLoggerName() + " ");
    text.append(
        record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
    if (record.getParameters() != null) {
      for (Object parameter : record.getParameters()) {
        text.append(' ').append(Objects.toString(parameter));
      }
    }
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      text.append('\n').append(trace);
    }
    return text.toString();
  }
}
