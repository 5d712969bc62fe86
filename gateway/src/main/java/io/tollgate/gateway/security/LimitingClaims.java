package io.tollgate.gateway.security;

import io.tollgate.gateway.http.ProblemException;
import io.tollgate.gateway.security.Identity.AccessScope;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Reads the claims that limit what a bearer token may do: {@code scope} (READ_ONLY) and {@code
 * projects}. A limit is never dropped because it was written in a form this code did not expect: a
 * claim that is present but cannot be read refuses the token (401 {@code invalid_token}) instead of
 * leaving the token unlimited. The services read the same claims the same way (security's {@code
 * CredentialLimits}).
 *
 * <ul>
 *   <li>{@code scope}: a string of scopes separated by spaces (RFC 9068 section 2.2.3, RFC 8693
 *       section 4.2), or a JSON array of strings as some identity providers write it. {@code
 *       READ_ONLY} among them, in any letter case, makes the token read-only, whatever else it
 *       names ({@code READ_WRITE} too): scopes are case-sensitive in OAuth (RFC 6749 section 3.3),
 *       but reading {@code read_only} as a scope of someone else's would widen the token. Other
 *       scopes ({@code openid}, {@code profile}) are the identity provider's and limit nothing
 *       here.
 *   <li>{@code projects}: a JSON array of project ids; the token reaches those projects only (an
 *       entry that is not a project id names none). A single id as a string is refused, not read as
 *       a list of one.
 * </ul>
 */
final class LimitingClaims {

  static final String SCOPE = "scope";
  static final String PROJECTS = "projects";

  private static final Logger LOG = Logger.getLogger(LimitingClaims.class);

  private LimitingClaims() {}

  /** The scope the token is limited to, or null when it names none of ours. */
  static AccessScope scope(JsonWebToken jwt) {
    List<String> scopes =
        values(jwt, SCOPE, true, "a string of space-separated scopes, or a JSON array of strings");
    if (scopes == null) {
      return null;
    }
    AccessScope scope = null;
    for (String value : scopes) {
      for (String token : value.trim().split(" +")) {
        if (AccessScope.READ_ONLY.name().equalsIgnoreCase(token)) {
          return AccessScope.READ_ONLY;
        }
        if (AccessScope.READ_WRITE.name().equalsIgnoreCase(token)) {
          scope = AccessScope.READ_WRITE;
        }
      }
    }
    return scope;
  }

  /**
   * The project ids the token is limited to, in lower case (the form paths are compared in), or
   * null when it is not limited.
   */
  static Set<String> projects(JsonWebToken jwt) {
    List<String> ids = values(jwt, PROJECTS, false, "a JSON array of project ids");
    if (ids == null) {
      return null;
    }
    Set<String> projects = new HashSet<>();
    ids.forEach(id -> projects.add(id.toLowerCase(Locale.ROOT)));
    return projects;
  }

  /**
   * The claim's values: those of a list of strings, or (when {@code oneString}) a string as the one
   * value; null when the token does not have the claim. Anything else (a number, a boolean, an
   * object, null, a list of other than strings) cannot be read, and refuses the token.
   */
  private static List<String> values(
      JsonWebToken jwt, String claim, boolean oneString, String form) {
    if (!isPresent(jwt, claim)) {
      return null;
    }
    Object value = jwt.getClaim(claim);
    if (oneString && (value instanceof JsonString || value instanceof String)) {
      return List.of(text(value));
    }
    if (!isList(value)) {
      throw unreadable(claim, form);
    }
    List<String> values = new ArrayList<>();
    for (Object item : (Collection<?>) value) {
      if (!(item instanceof JsonString || item instanceof String)) {
        throw unreadable(claim, form);
      }
      values.add(text(item));
    }
    return values;
  }

  private static String text(Object value) {
    return value instanceof JsonString s ? s.getString() : (String) value;
  }

  private static boolean isList(Object value) {
    // a JsonArray is a List of JsonValue
    return value instanceof JsonArray || value instanceof Collection<?>;
  }

  /** Whether the token names the claim, with any value, null included. */
  private static boolean isPresent(JsonWebToken jwt, String claim) {
    Set<String> names = jwt.getClaimNames();
    return (names != null && names.contains(claim)) || jwt.getClaim(claim) != null;
  }

  private static ProblemException unreadable(String claim, String expected) {
    LOG.debugf("Bearer token refused: its %s claim cannot be read", claim);
    return Authenticator.unauthorized(
        "the bearer token's '"
            + claim
            + "' claim cannot be read: it limits what the token may do, so it must be "
            + expected
            + "; ask the token's issuer for one in that form",
        Authenticator.INVALID_TOKEN_CHALLENGE);
  }
}
