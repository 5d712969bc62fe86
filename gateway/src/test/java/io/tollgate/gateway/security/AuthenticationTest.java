package io.tollgate.gateway.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.tollgate.gateway.config.GatewayConfig;
import io.tollgate.gateway.testing.UpstreamServers;
import io.tollgate.runtime.DevTokens;
import io.tollgate.testing.TestTokens;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bearer tokens at the gateway: bad or missing ones never reach a service. */
@QuarkusTest
class AuthenticationTest {

  private static final String PROBLEM_JSON = "application/problem+json";

  @Inject GatewayConfig config;

  // health and metrics are on the management interface (ADR 0018)
  @TestHTTPResource(value = "/", management = true)
  URL management;

  static Stream<Arguments> refusedCredentials() {
    return Stream.of(
        Arguments.of("expired", auth("Bearer " + TestTokens.expired("alice"))),
        Arguments.of("foreign signature", auth("Bearer " + TestTokens.foreignSignature("alice"))),
        Arguments.of("wrong audience", auth("Bearer " + TestTokens.wrongAudience("alice"))),
        Arguments.of("not a JWT", auth("Bearer not-a-jwt")),
        Arguments.of("unsupported scheme", auth("Basic YWxpY2U6c2VjcmV0")),
        Arguments.of("scheme without credential", auth("Bearer")),
        Arguments.of(
            "two credentials",
            (UnaryOperator<RequestSpecification>)
                spec ->
                    spec.header("Authorization", TestTokens.bearer("alice", "MEMBER"))
                        .header("X-Api-Key", "tgk_" + "a".repeat(43))));
  }

  private static UnaryOperator<RequestSpecification> auth(String value) {
    return spec -> spec.header("Authorization", value);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedCredentials")
  void invalidCredentialIs401AndNeverReachesTheService(
      String name, UnaryOperator<RequestSpecification> credential) {
    String path = "/api/v1/projects/" + UUID.randomUUID();
    credential
        .apply(given())
        .header("X-Request-Id", "auth-test")
        .when()
        .get(path)
        .then()
        .statusCode(401)
        .contentType(PROBLEM_JSON)
        .header("WWW-Authenticate", startsWith("Bearer realm=\"tollgate\""))
        .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
        .header("X-Request-Id", "auth-test")
        .header("Cache-Control", "no-store")
        .body("type", equalTo("https://tollgate.io/problems/unauthorized"))
        .body("status", equalTo(401))
        .body("instance", equalTo(path));
    assertThat(UpstreamServers.seen(project(), path), is(0L));
  }

  /**
   * A token refused for its expiry alone says so (RFC 6750 error_description), in the challenge and
   * the problem, so that a web app refreshes it silently; a token that is also wrong otherwise
   * (another audience, another key) says nothing about expiry: refreshing would not help it.
   */
  @Test
  void anExpiredTokenSaysItHasExpiredAndOnlyThen() throws Exception {
    String path = "/api/v1/projects/" + UUID.randomUUID();
    given()
        .header("Authorization", "Bearer " + TestTokens.expired("alice"))
        .when()
        .get(path)
        .then()
        .statusCode(401)
        .header(
            "WWW-Authenticate",
            equalTo(
                "Bearer realm=\"tollgate\", error=\"invalid_token\","
                    + " error_description=\"the token has expired\""))
        .body("detail", equalTo("the bearer token has expired; get a new one"));
    Instant past = Instant.now().minusSeconds(600);
    Path keys = Path.of("target", "test-jwt");
    for (String token :
        List.of(
            DevTokens.in(keys)
                .sign("alice", List.of("MEMBER"), DevTokens.ISSUER, "someone-else", past),
            DevTokens.in(keys.resolve("foreign"))
                .sign("alice", List.of("MEMBER"), DevTokens.ISSUER, DevTokens.AUDIENCE, past))) {
      given()
          .header("Authorization", "Bearer " + token)
          .when()
          .get(path)
          .then()
          .statusCode(401)
          .header("WWW-Authenticate", equalTo("Bearer realm=\"tollgate\", error=\"invalid_token\""))
          .body(
              "detail",
              equalTo("the bearer token is not valid (signature, issuer, audience or expiry)"));
    }
    assertThat(UpstreamServers.seen(project(), path), is(0L));
  }

  /**
   * A claim that limits a token, present in a form that cannot be read, refuses the token: read as
   * absent, it would leave the token unlimited (a project list given as one string reached every
   * project).
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"projects\":\"0b7e1c5e-6a0e-4f0e-9f5e-2f0d8f0b1a11\"",
        "\"projects\":7",
        "\"projects\":{\"id\":\"0b7e1c5e-6a0e-4f0e-9f5e-2f0d8f0b1a11\"}",
        "\"projects\":null",
        "\"projects\":[\"0b7e1c5e-6a0e-4f0e-9f5e-2f0d8f0b1a11\",7]",
        "\"scope\":7",
        "\"scope\":true",
        "\"scope\":{\"READ_ONLY\":true}",
        "\"scope\":null",
        "\"scope\":[\"READ_ONLY\",[\"x\"]]"
      })
  void aLimitingClaimThatCannotBeReadRefusesTheToken(String claim) {
    String path = "/api/v1/projects/" + UUID.randomUUID();
    String name = claim.substring(1, claim.indexOf('"', 1));
    given()
        .header("Authorization", TestTokens.bearerWith(claim, "alice", "MEMBER"))
        .when()
        .get(path)
        .then()
        .statusCode(401)
        .contentType(PROBLEM_JSON)
        .header("WWW-Authenticate", equalTo("Bearer realm=\"tollgate\", error=\"invalid_token\""))
        .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
        .body("type", equalTo("https://tollgate.io/problems/unauthorized"))
        .body("detail", containsString("'" + name + "' claim cannot be read"));
    assertThat(UpstreamServers.seen(project(), path), is(0L));
  }

  /**
   * RFC 9068 writes {@code scope} as one string of space-separated scopes, and identity providers
   * add their own ({@code openid}); some write a list. READ_ONLY in any of these forms, in any
   * letter case, is read-only.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"scope\":\"READ_ONLY\"",
        "\"scope\":\"openid READ_ONLY\"",
        "\"scope\":\"openid  profile READ_ONLY \"",
        "\"scope\":\"read_only\"",
        "\"scope\":\"READ_WRITE Read_Only\"",
        "\"scope\":[\"openid\",\"READ_ONLY\"]"
      })
  void readOnlyInAnyFormOfTheScopeClaimOnlyReads(String claim) {
    String bearer = TestTokens.bearerWith(claim, "alice", "MEMBER");
    String path = "/api/v1/risks/" + UUID.randomUUID();
    given()
        .header("Authorization", bearer)
        .when()
        .post(path)
        .then()
        .statusCode(403)
        .contentType(PROBLEM_JSON)
        .header("WWW-Authenticate", containsString("error=\"insufficient_scope\""));
    assertThat(UpstreamServers.seen(config.upstream().get("risk-service"), path), is(0L));
    given().header("Authorization", bearer).when().get(path).then().statusCode(200);
  }

  @Test
  void scopesOfTheIdentityProviderLimitNothing() {
    given()
        .header(
            "Authorization",
            TestTokens.bearerWith("\"scope\":\"openid profile\"", "alice", "MEMBER"))
        .when()
        .post("/api/v1/risks")
        .then()
        .statusCode(200)
        .body("method", equalTo("POST"));
  }

  /** Project ids are compared in lower case, however the token's issuer wrote them. */
  @Test
  void aProjectListReachesItsProjectsOnly() {
    UUID allowed = UUID.randomUUID();
    String bearer =
        TestTokens.bearerWith(
            "\"projects\":[\"" + allowed.toString().toUpperCase(Locale.ROOT) + "\"]",
            "alice",
            "MEMBER");
    given()
        .header("Authorization", bearer)
        .when()
        .get("/api/v1/projects/" + allowed)
        .then()
        .statusCode(200);
    given()
        .header("Authorization", bearer)
        .when()
        .get("/api/v1/projects/" + UUID.randomUUID())
        .then()
        .statusCode(404);
  }

  @Test
  void missingTokenIs401WithABareChallenge() {
    String path = "/api/v1/milestones/" + UUID.randomUUID();
    given()
        .when()
        .post(path)
        .then()
        .statusCode(401)
        .contentType(PROBLEM_JSON)
        .header("WWW-Authenticate", equalTo("Bearer realm=\"tollgate\""))
        .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
        .body("title", equalTo("Authentication required"))
        .body("detail", containsString("bearer token"));
    assertThat(UpstreamServers.seen(config.upstream().get("milestone-service"), path), is(0L));
  }

  @Test
  void unknownRoutesNeedAuthenticationToo() {
    given().when().get("/api/v1/nowhere").then().statusCode(401);
  }

  @Test
  void validTokenIsForwardedUnchanged() {
    String bearer = TestTokens.bearer("alice", "MEMBER");
    String path = "/api/v1/projects/" + UUID.randomUUID();
    var echo =
        given()
            .header("Authorization", bearer)
            .when()
            .get(path)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(echo.getList("headers.'authorization'", String.class), contains(bearer));
    assertThat(UpstreamServers.seen(project(), path), is(1L));
  }

  /**
   * RFC 9110: the scheme is case-insensitive and may be followed by several spaces. The services'
   * JWT check refuses more than one space (401 after the gateway let it through), so the gateway
   * forwards {@code Bearer <token>}.
   */
  @ParameterizedTest
  @ValueSource(strings = {"bearer ", "BEARER ", "Bearer  ", "Bearer \t"})
  void anyCaseAndSpacingOfTheSchemeIsAcceptedAndForwardedInCanonicalForm(String scheme) {
    String token = TestTokens.token("alice", "MEMBER");
    var echo =
        given()
            .header("Authorization", scheme + token)
            .when()
            .get("/api/v1/risks")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(echo.getList("headers.'authorization'", String.class), contains("Bearer " + token));
  }

  @Test
  void healthAndMetricsNeedNoToken() {
    given().port(management.getPort()).when().get("/q/health/live").then().statusCode(200);
    given().port(management.getPort()).when().get("/q/health/ready").then().statusCode(200);
    given().port(management.getPort()).when().get("/q/metrics").then().statusCode(200);
  }

  private URI project() {
    return config.upstream().get("project-service");
  }
}
