package io.tollgate.gateway.security;

import io.tollgate.gateway.security.Identity.AccessScope;
import io.tollgate.http.TokenLimits;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * The claims that limit what a bearer token may do, {@code scope} (READ_ONLY) and {@code projects},
 * read as the services read them ({@link TokenLimits}, in http-commons), in the gateway's terms: a
 * claim that is present but cannot be read refuses the token (401 {@code invalid_token}) instead of
 * leaving the token unlimited.
 */
final class LimitingClaims {

  private static final Logger LOG = Logger.getLogger(LimitingClaims.class);

  private LimitingClaims() {}

  /** The scope the token is limited to, or null when it names none of ours. */
  static AccessScope scope(JsonWebToken jwt) {
    List<String> scopes = read(() -> TokenLimits.scopes(jwt));
    if (TokenLimits.names(scopes, TokenLimits.READ_ONLY)) {
      return AccessScope.READ_ONLY;
    }
    return TokenLimits.names(scopes, TokenLimits.READ_WRITE) ? AccessScope.READ_WRITE : null;
  }

  /**
   * The project ids the token is limited to, in lower case (the form paths are compared in), or
   * null when it is not limited.
   */
  static Set<String> projects(JsonWebToken jwt) {
    return read(() -> TokenLimits.projects(jwt))
        .map(ids -> ids.stream().map(id -> id.toLowerCase(Locale.ROOT)).collect(Collectors.toSet()))
        .orElse(null);
  }

  private static <T> T read(Supplier<T> claim) {
    try {
      return claim.get();
    } catch (TokenLimits.UnreadableClaim e) {
      LOG.debugf("Bearer token refused: its %s claim cannot be read", e.claim());
      throw Authenticator.unauthorized(e.getMessage(), Authenticator.INVALID_TOKEN_CHALLENGE);
    }
  }
}
