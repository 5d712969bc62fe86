package io.tollgate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonString;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/**
 * The claims read as a verified token carries them (the gateway's and the services' tests read them
 * over HTTP, from signed tokens).
 */
class TokenLimitsTest {

  @Test
  void aTokenWithoutTheClaimsIsNotLimited() {
    JsonWebToken jwt = token(Map.of("sub", "olivia"));
    assertEquals(List.of(), TokenLimits.scopes(jwt));
    assertEquals(Optional.empty(), TokenLimits.projects(jwt));
  }

  @Test
  void theScopeIsOneStringOfScopesOrAListOfThem() {
    assertEquals(
        List.of("openid", "profile", "READ_ONLY"),
        TokenLimits.scopes(token(Map.of("scope", " openid  profile READ_ONLY "))));
    assertEquals(
        List.of("openid", "READ_ONLY", "profile"),
        TokenLimits.scopes(token(Map.of("scope", List.of(json("openid"), "READ_ONLY profile")))));
    assertEquals(
        List.of("READ_WRITE"), TokenLimits.scopes(token(Map.of("scope", json("READ_WRITE")))));
  }

  @Test
  void aScopeIsNamedInAnyLetterCase() {
    assertTrue(TokenLimits.names(List.of("openid", "Read_Only"), TokenLimits.READ_ONLY));
    assertFalse(TokenLimits.names(List.of("openid", "READ_ONLY_X"), TokenLimits.READ_ONLY));
  }

  @Test
  void theProjectsAreAListOfIdsAsWritten() {
    assertEquals(
        Optional.of(List.of("0B7E1C5E-6A0E-4F0E-9F5E-2F0D8F0B1A11", "not-an-id")),
        TokenLimits.projects(
            token(
                Map.of(
                    "projects",
                    List.of("0B7E1C5E-6A0E-4F0E-9F5E-2F0D8F0B1A11", json("not-an-id"))))));
    assertEquals(
        Optional.of(List.of()), TokenLimits.projects(token(Map.of("projects", List.of()))));
  }

  @Test
  void aLimitingClaimInAnotherFormRefusesTheToken() {
    Map<String, Object> nulls = new HashMap<>();
    nulls.put("scope", null);
    nulls.put("projects", null);
    for (Map<String, Object> claims :
        List.of(
            Map.<String, Object>of("scope", 7),
            Map.<String, Object>of("scope", true),
            Map.<String, Object>of("scope", Map.of("READ_ONLY", true)),
            Map.<String, Object>of("scope", List.of("READ_ONLY", List.of("x"))),
            Map.<String, Object>of("projects", "0b7e1c5e-6a0e-4f0e-9f5e-2f0d8f0b1a11"),
            Map.<String, Object>of("projects", List.of("0b7e1c5e-6a0e-4f0e-9f5e-2f0d8f0b1a11", 7)),
            nulls)) {
      JsonWebToken jwt = token(claims);
      String claim = claims.containsKey("scope") ? "scope" : "projects";
      TokenLimits.UnreadableClaim unreadable =
          assertThrows(
              TokenLimits.UnreadableClaim.class,
              () -> {
                TokenLimits.scopes(jwt);
                TokenLimits.projects(jwt);
              },
              claims::toString);
      assertEquals(claim, unreadable.claim());
      assertTrue(
          unreadable.getMessage().startsWith("the bearer token's '" + claim + "' claim cannot be"),
          unreadable.getMessage());
    }
  }

  private static JsonWebToken token(Map<String, ?> claims) {
    return new JsonWebToken() {
      @Override
      public String getName() {
        return "olivia";
      }

      @Override
      public Set<String> getClaimNames() {
        return claims.keySet();
      }

      @Override
      @SuppressWarnings("unchecked")
      public <T> T getClaim(String name) {
        return (T) claims.get(name);
      }
    };
  }

  /** A string as a token parsed by smallrye-jwt holds it. */
  private static JsonString json(String value) {
    return new JsonString() {
      @Override
      public String getString() {
        return value;
      }

      @Override
      public CharSequence getChars() {
        return value;
      }

      @Override
      public ValueType getValueType() {
        return ValueType.STRING;
      }
    };
  }
}
