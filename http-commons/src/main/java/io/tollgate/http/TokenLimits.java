package io.tollgate.http;

import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * How the gateway and every service read the claims that limit what a verified bearer token may do:
 * {@code scope} (READ_ONLY) and {@code projects}, which the gateway puts in the tokens it mints for
 * API keys and an identity provider may put in its own. A limit is never dropped because it was
 * written in a form this code did not expect: a claim that is present but cannot be read throws
 * {@link UnreadableClaim}, which both sides answer 401 {@code invalid_token}, instead of leaving
 * the token unlimited.
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
public final class TokenLimits {

  public static final String SCOPE = "scope";
  public static final String PROJECTS = "projects";
  public static final String READ_ONLY = "READ_ONLY";
  public static final String READ_WRITE = "READ_WRITE";

  private TokenLimits() {}

  /** The scopes the token's {@code scope} claim names, as written; none when it has no claim. */
  public static List<String> scopes(JsonWebToken jwt) {
    return values(
            jwt, SCOPE, true, "a string of space-separated scopes, or a JSON array of strings")
        .orElse(List.of())
        .stream()
        .flatMap(value -> Arrays.stream(value.trim().split(" +")))
        .filter(scope -> !scope.isEmpty())
        .toList();
  }

  /** Whether the scopes name this one, in any letter case (see the class comment). */
  public static boolean names(List<String> scopes, String scope) {
    return scopes.stream().anyMatch(scope::equalsIgnoreCase);
  }

  /**
   * The project ids of the token's {@code projects} claim, as written (any of them may be no id at
   * all); empty when the token is not limited to projects.
   */
  public static Optional<List<String>> projects(JsonWebToken jwt) {
    return values(jwt, PROJECTS, false, "a JSON array of project ids");
  }

  /**
   * The claim's values: those of a list of strings, or (when {@code oneString}) a string as the one
   * value; empty when the token does not have the claim. Anything else (a number, a boolean, an
   * object, null, a list of other than strings) cannot be read, and refuses the token.
   */
  private static Optional<List<String>> values(
      JsonWebToken jwt, String claim, boolean oneString, String form) {
    if (!isPresent(jwt, claim)) {
      return Optional.empty();
    }
    Object value = jwt.getClaim(claim);
    if (oneString && (value instanceof JsonString || value instanceof String)) {
      return Optional.of(List.of(text(value)));
    }
    // a JsonArray is a List of JsonValue
    if (!(value instanceof JsonArray || value instanceof Collection<?>)) {
      throw new UnreadableClaim(claim, form);
    }
    List<String> values = new ArrayList<>();
    for (Object item : (Collection<?>) value) {
      if (!(item instanceof JsonString || item instanceof String)) {
        throw new UnreadableClaim(claim, form);
      }
      values.add(text(item));
    }
    return Optional.of(values);
  }

  private static String text(Object value) {
    return value instanceof JsonString s ? s.getString() : (String) value;
  }

  /** Whether the token names the claim, with any value, null included. */
  private static boolean isPresent(JsonWebToken jwt, String claim) {
    Set<String> names = jwt.getClaimNames();
    return (names != null && names.contains(claim)) || jwt.getClaim(claim) != null;
  }

  /**
   * A limiting claim that is present but cannot be read; its message, the same on both sides, says
   * what form the claim must take.
   */
  public static final class UnreadableClaim extends RuntimeException {

    private final String claim;

    UnreadableClaim(String claim, String form) {
      super(
          "the bearer token's '"
              + claim
              + "' claim cannot be read: it limits what the token may do, so it must be "
              + form
              + "; ask the token's issuer for one in that form",
          null,
          false,
          false);
      this.claim = claim;
    }

    /** The claim's name ({@link #SCOPE} or {@link #PROJECTS}). */
    public String claim() {
      return claim;
    }
  }
}
