package io.tollgate.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.runtime.DevTokens;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The 401 and 403 a service answers itself, over HTTP against a service in miniature ({@code app}):
 * problems that quote the gateway's request id, as every other problem does, and a 401 that tells a
 * refused token (RFC 6750 section 3.1: {@code error="invalid_token"}) from a missing one.
 */
@QuarkusTest
@WithTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = TollgateInfrastructure.DATABASE, value = "security"),
    scope = TestResourceScope.GLOBAL)
class SecurityProblemsTest {

  private static final String CHALLENGE = "Bearer realm=\"tollgate\"";
  private static final String INVALID_TOKEN = CHALLENGE + ", error=\"invalid_token\"";

  @Test
  void aRequestWithoutATokenIsAskedForOneWithoutAnErrorCode() {
    given()
        .header("X-Request-Id", "no-token-1")
        .when()
        .get("/api/v1/things")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", equalTo(CHALLENGE))
        .body("type", equalTo("https://tollgate.io/problems/unauthorized"))
        .body("instance", equalTo("/api/v1/things"))
        .body("requestId", equalTo("no-token-1"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "foreign signature",
        "wrong audience",
        "not a JWT",
        "expired, foreign signature",
        "expired, wrong audience"
      })
  void aRefusedTokenIsAnInvalidTokenAndTheProblemQuotesTheRequestId(String which) throws Exception {
    Instant past = Instant.now().minusSeconds(600);
    Path keys = Path.of("target", "test-jwt");
    String token =
        switch (which) {
          case "foreign signature" -> TestTokens.foreignSignature("paula");
          case "wrong audience" -> TestTokens.wrongAudience("paula");
          case "expired, foreign signature" ->
              DevTokens.in(keys.resolve("foreign"))
                  .sign("paula", List.of("MEMBER"), DevTokens.ISSUER, DevTokens.AUDIENCE, past);
          case "expired, wrong audience" ->
              DevTokens.in(keys)
                  .sign("paula", List.of("MEMBER"), DevTokens.ISSUER, "someone-else", past);
          default -> "abc.def.ghi";
        };
    given()
        .header("Authorization", "Bearer " + token)
        .header("X-Request-Id", "refused-token-1")
        .when()
        .get("/api/v1/things")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", equalTo(INVALID_TOKEN))
        .body("type", equalTo("https://tollgate.io/problems/unauthorized"))
        .body(
            "detail",
            equalTo("the bearer token is not valid (signature, issuer, audience or expiry)"))
        .body("requestId", equalTo("refused-token-1"));
  }

  /**
   * A token refused for its expiry alone says so, so that a web app refreshes it silently instead
   * of sending its user to log in again; one that is also wrong otherwise does not (above).
   */
  @Test
  void anExpiredTokenSaysItHasExpired() {
    given()
        .header("Authorization", "Bearer " + TestTokens.expired("paula"))
        .header("X-Request-Id", "expired-token-1")
        .when()
        .get("/api/v1/things")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header(
            "WWW-Authenticate",
            equalTo(INVALID_TOKEN + ", error_description=\"the token has expired\""))
        .body("type", equalTo("https://tollgate.io/problems/unauthorized"))
        .body("detail", equalTo("the bearer token has expired; get a new one"))
        .body("requestId", equalTo("expired-token-1"));
  }

  @Test
  void aTokenWithAnUnreadableLimitQuotesTheRequestIdToo() {
    given()
        .header("Authorization", TestTokens.bearerWith("\"scope\":7", "paula", "MEMBER"))
        .header("X-Request-Id", "unreadable-claim-1")
        .when()
        .get("/api/v1/things")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", equalTo(INVALID_TOKEN))
        .body("requestId", equalTo("unreadable-claim-1"));
  }

  @Test
  void aRoleThatDoesNotAllowItIsA403ThatQuotesTheRequestId() {
    given()
        .header("Authorization", TestTokens.bearer("paula", "MEMBER"))
        .header("X-Request-Id", "forbidden-1")
        .when()
        .delete("/api/v1/things")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("https://tollgate.io/problems/forbidden"))
        .body("instance", equalTo("/api/v1/things"))
        .body("requestId", equalTo("forbidden-1"));
    given()
        .header("Authorization", TestTokens.bearer("root", "ADMIN"))
        .when()
        .delete("/api/v1/things")
        .then()
        .statusCode(200);
  }

  /** An id that could smuggle a line into the logs is not quoted, as in the other problems. */
  @Test
  void anIdThatIsNotSaneIsNotQuoted() {
    given()
        .header("X-Request-Id", "a b")
        .when()
        .get("/api/v1/things")
        .then()
        .statusCode(401)
        .body("requestId", nullValue());
  }
}
