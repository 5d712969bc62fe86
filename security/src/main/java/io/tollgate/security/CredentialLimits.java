package io.tollgate.security;

import io.tollgate.http.TokenLimits;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What a token's limiting claims allow: {@code scope} (READ_ONLY) and {@code projects}, read as the
 * gateway reads them ({@link TokenLimits}, in http-commons). A claim that is present but cannot be
 * read refuses the token ({@link UnreadableClaimException}, a 401) instead of leaving it unlimited.
 *
 * @param readOnly whether the token may only read
 * @param projects the projects the token is limited to; empty when it is not limited
 */
public record CredentialLimits(boolean readOnly, Optional<Set<UUID>> projects) {

  /** No limits: a caller without a token of ours (anonymous). */
  static final CredentialLimits NONE = new CredentialLimits(false, Optional.empty());

  /** The limits of a verified token; throws {@link UnreadableClaimException}. */
  static CredentialLimits of(JsonWebToken jwt) {
    try {
      return new CredentialLimits(
          TokenLimits.names(TokenLimits.scopes(jwt), TokenLimits.READ_ONLY),
          TokenLimits.projects(jwt).map(CredentialLimits::ids));
    } catch (TokenLimits.UnreadableClaim e) {
      throw new UnreadableClaimException(e);
    }
  }

  /** Whether the token covers the project. */
  public boolean allows(UUID projectId) {
    return projects.map(ids -> ids.contains(projectId)).orElse(true);
  }

  private static Set<UUID> ids(List<String> projects) {
    Set<UUID> ids = new HashSet<>();
    for (String id : projects) {
      try {
        ids.add(UUID.fromString(id));
      } catch (IllegalArgumentException e) {
        // not an id: it names no project, so it allows none
      }
    }
    return Set.copyOf(ids);
  }
}
