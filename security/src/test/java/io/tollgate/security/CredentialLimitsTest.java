package io.tollgate.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code scope} and {@code projects} claims as a service reads them, over HTTP against a
 * service in miniature ({@code app}): a limit is never dropped because of the form it came in.
 */
@QuarkusTest
@WithTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = TollgateInfrastructure.DATABASE, value = "security"),
    scope = TestResourceScope.GLOBAL)
class CredentialLimitsTest {

  private static final String PROJECT = "0b7e1c5e-6a0e-4f0e-9f5e-2f0d8f0b1a11";

  /**
   * A limiting claim present in a form that cannot be read refuses the token everywhere: read as
   * absent, it would leave the token unlimited (a project list given as one string reached every
   * project, and listed them all).
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"projects\":\"" + PROJECT + "\"",
        "\"projects\":7",
        "\"projects\":{\"id\":\"" + PROJECT + "\"}",
        "\"projects\":null",
        "\"projects\":[\"" + PROJECT + "\",7]",
        "\"scope\":7",
        "\"scope\":true",
        "\"scope\":{\"READ_ONLY\":true}",
        "\"scope\":null",
        "\"scope\":[\"READ_ONLY\",[\"x\"]]"
      })
  void aLimitingClaimThatCannotBeReadRefusesTheToken(String claim) {
    String token = TestTokens.bearerWith(claim, "olivia", "MEMBER");
    String name = claim.substring(1, claim.indexOf('"', 1));
    for (String path : new String[] {"/api/v1/things", "/api/v1/projects/" + PROJECT}) {
      given()
          .header("Authorization", token)
          .when()
          .get(path)
          .then()
          .statusCode(401)
          .contentType("application/problem+json")
          .header("WWW-Authenticate", equalTo("Bearer realm=\"tollgate\", error=\"invalid_token\""))
          .body("type", equalTo("https://tollgate.io/problems/unauthorized"))
          .body("instance", equalTo(path))
          .body("detail", containsString("'" + name + "' claim cannot be read"));
    }
    given()
        .header("Authorization", token)
        .when()
        .post("/api/v1/things")
        .then()
        .statusCode(401)
        .body("detail", containsString("'" + name + "' claim cannot be read"));
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
    String token = TestTokens.bearerWith(claim, "olivia", "MEMBER");
    given()
        .header("Authorization", token)
        .when()
        .post("/api/v1/things")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("detail", containsString("read-only"));
    given()
        .header("Authorization", token)
        .when()
        .get("/api/v1/things")
        .then()
        .statusCode(200)
        .body("readOnly", equalTo(true));
  }

  @Test
  void scopesOfTheIdentityProviderLimitNothing() {
    given()
        .header(
            "Authorization",
            TestTokens.bearerWith("\"scope\":\"openid profile\"", "olivia", "MEMBER"))
        .when()
        .post("/api/v1/things")
        .then()
        .statusCode(200);
  }

  @Test
  void aProjectListReachesItsProjectsOnly() {
    String token =
        TestTokens.bearerWith(
            "\"projects\":[\"" + PROJECT.toUpperCase(Locale.ROOT) + "\"]", "olivia", "MEMBER");
    given()
        .header("Authorization", token)
        .when()
        .get("/api/v1/projects/" + PROJECT)
        .then()
        .statusCode(200);
    given()
        .header("Authorization", token)
        .when()
        .get("/api/v1/projects/" + UUID.randomUUID())
        .then()
        .statusCode(404);
    given()
        .header("Authorization", token)
        .when()
        .get("/api/v1/things")
        .then()
        .statusCode(200)
        .body("projectLimit", equalTo("[" + PROJECT + "]"));
  }

  @Test
  void aTokenWithoutLimitsIsNotLimited() {
    given()
        .header("Authorization", TestTokens.bearer("olivia", "MEMBER"))
        .when()
        .post("/api/v1/things")
        .then()
        .statusCode(200);
    given()
        .header("Authorization", TestTokens.bearer("olivia", "MEMBER"))
        .when()
        .get("/api/v1/things")
        .then()
        .statusCode(200)
        .body("readOnly", equalTo(false))
        .body("projectLimit", equalTo("none"));
  }
}
