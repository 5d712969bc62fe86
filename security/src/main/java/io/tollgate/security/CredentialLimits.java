package io.tollgate.security;

import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What a token's limiting claims allow: {@code scope} (READ_ONLY) and {@code projects}, which the
 * gateway puts in the tokens it mints for API keys and an identity provider may put in its own. A
 * limit is never dropped because it came in a form this code did not expect: a claim that is
 * present but cannot be read refuses the token ({@link UnreadableClaimException}, a 401) instead of
 * leaving it unlimited. The gateway reads the same claims the same way (its {@code
 * LimitingClaims}).
 *
 * <ul>
 *   <li>{@code scope}: a string of scopes separated by spaces (RFC 9068 section 2.2.3), or a JSON
 *       array of strings as some identity providers write it. {@code READ_ONLY} among them, in any
 *       letter case, makes the token read-only, whatever else it names: scopes are case-sensitive
 *       in OAuth (RFC 6749 section 3.3), but reading {@code read_only} as someone else's scope
 *       would widen the token. Other scopes ({@code openid}, {@code profile}) limit nothing here.
 *   <li>{@code projects}: a JSON array of project ids; the token reaches those projects only (an
 *       entry that is not a project id names none). A single id as a string is refused, not read as
 *       a list of one.
 * </ul>
 *
 * @param readOnly whether the token may only read
 * @param projects the projects the token is limited to; empty when it is not limited
 */
public record CredentialLimits(boolean readOnly, Optional<Set<UUID>> projects) {

  static final String SCOPE = "scope";
  static final String PROJECTS = "projects";
  private static final String READ_ONLY = "READ_ONLY";

  /** No limits: a caller without a token of ours (anonymous). */
  static final CredentialLimits NONE = new CredentialLimits(false, Optional.empty());

  /** The limits of a verified token; throws {@link UnreadableClaimException}. */
  static CredentialLimits of(JsonWebToken jwt) {
    return new CredentialLimits(readOnly(jwt), projects(jwt));
  }

  /** Whether the token covers the project. */
  public boolean allows(UUID projectId) {
    return projects.map(ids -> ids.contains(projectId)).orElse(true);
  }

  private static boolean readOnly(JsonWebToken jwt) {
    List<String> scopes =
        values(jwt, SCOPE, true, "a string of space-separated scopes, or a JSON array of strings");
    if (scopes == null) {
      return false;
    }
    for (String value : scopes) {
      for (String scope : value.trim().split(" +")) {
        if (READ_ONLY.equalsIgnoreCase(scope)) {
          return true;
        }
      }
    }
    return false;
  }

  private static Optional<Set<UUID>> projects(JsonWebToken jwt) {
    List<String> ids = values(jwt, PROJECTS, false, "a JSON array of project ids");
    if (ids == null) {
      return Optional.empty();
    }
    Set<UUID> limit = new HashSet<>();
    for (String id : ids) {
      try {
        limit.add(UUID.fromString(id));
      } catch (IllegalArgumentException e) {
        // not an id: it names no project, so it allows none
      }
    }
    return Optional.of(Set.copyOf(limit));
  }

  /**
   * The claim's values: those of a list of strings, or (when {@code oneString}) a string as the one
   * value; null when the token does not have the claim. Anything else (a number, a boolean, an
   * object, null, a list of other than strings) cannot be read.
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
    // a JsonArray is a List of JsonValue
    if (!(value instanceof JsonArray || value instanceof Collection<?>)) {
      throw new UnreadableClaimException(claim, form);
    }
    List<String> values = new ArrayList<>();
    for (Object item : (Collection<?>) value) {
      if (!(item instanceof JsonString || item instanceof String)) {
        throw new UnreadableClaimException(claim, form);
      }
      values.add(text(item));
    }
    return values;
  }

  private static String text(Object value) {
    return value instanceof JsonString s ? s.getString() : (String) value;
  }

  /** Whether the token names the claim, with any value, null included. */
  private static boolean isPresent(JsonWebToken jwt, String claim) {
    Set<String> names = jwt.getClaimNames();
    return (names != null && names.contains(claim)) || jwt.getClaim(claim) != null;
  }
}
