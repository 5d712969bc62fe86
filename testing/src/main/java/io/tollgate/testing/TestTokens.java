package io.tollgate.testing;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.HeaderConfig;
import io.restassured.config.LogConfig;
import io.restassured.specification.RequestSpecification;
import io.tollgate.runtime.DevTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Signed JWTs for tests, from a key pair that {@link TollgateInfrastructure} tells the services to
 * trust. The keys live under the module's {@code target/}, so every class loader of the test JVM
 * signs with the same pair.
 */
public final class TestTokens {

  private static final Path DIR = Path.of("target", "test-jwt");

  private TestTokens() {}

  /** A valid token for {@code user} with the platform {@code roles} (ADMIN, PMO, MEMBER). */
  public static String token(String user, String... roles) {
    return issuer().token(user, List.of(roles), Duration.ofMinutes(30));
  }

  /** {@code "Bearer <token>"}, ready for an Authorization header. */
  public static String bearer(String user, String... roles) {
    return "Bearer " + token(user, roles);
  }

  /**
   * Makes every REST Assured request of the test JVM carry a token for {@code user} unless the
   * request sets its own Authorization header.
   */
  public static void authenticateRestAssured(String user, String... roles) {
    RestAssured.requestSpecification =
        new RequestSpecBuilder().addHeader("Authorization", bearer(user, roles)).build();
    // a failing test's request log must not print the credentials
    RestAssured.config =
        RestAssured.config()
            .logConfig(LogConfig.logConfig().blacklistHeader("Authorization", "X-Api-Key"))
            // a test that sends its own credentials replaces the default ones
            .headerConfig(
                HeaderConfig.headerConfig().overwriteHeadersWithName("Authorization", "X-Api-Key"));
  }

  /** A REST Assured request as {@code user} with platform {@code roles}, not the default caller. */
  public static RequestSpecification as(String user, String... roles) {
    return RestAssured.given()
        .config(
            RestAssured.config()
                .headerConfig(
                    HeaderConfig.headerConfig().overwriteHeadersWithName("Authorization")))
        .header("Authorization", bearer(user, roles));
  }

  /**
   * {@code "Bearer <token>"} whose token also carries {@code extraClaims} (JSON object members), as
   * the gateway's tokens for API keys do: {@code "scope":"READ_ONLY"}, {@code "projects":[...]}.
   */
  public static String bearerWith(String extraClaims, String user, String... roles) {
    return "Bearer " + issuer().token(user, List.of(roles), Duration.ofMinutes(30), extraClaims);
  }

  /**
   * A token that expired ten minutes ago: well past the verifiers' clock skew allowance (a minute),
   * so that it is refused however the clock reads are rounded.
   */
  public static String expired(String user) {
    return issuer()
        .sign(
            user,
            List.of("MEMBER"),
            DevTokens.ISSUER,
            DevTokens.AUDIENCE,
            Instant.now().minusSeconds(600));
  }

  /** A token for another audience. */
  public static String wrongAudience(String user) {
    return issuer()
        .sign(
            user,
            List.of("MEMBER"),
            DevTokens.ISSUER,
            "someone-else",
            Instant.now().plusSeconds(600));
  }

  /** A well-formed token signed by a key the services do not trust. */
  public static String foreignSignature(String user) {
    try {
      return DevTokens.in(DIR.resolve("foreign"))
          .token(user, List.of("MEMBER"), Duration.ofMinutes(5));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String publicKeyLocation() {
    return issuer().publicKeyFile().toAbsolutePath().toUri().toString();
  }

  private static synchronized DevTokens issuer() {
    try {
      return DevTokens.in(DIR);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
