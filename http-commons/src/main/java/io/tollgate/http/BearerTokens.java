package io.tollgate.http;

import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;

/** How the gateway and every service read a bearer token they refused. */
public final class BearerTokens {

  private BearerTokens() {}

  /**
   * Whether the token's expiry is all that is wrong with it: its signature verified (jose4j checks
   * the claims only then) and no claim but {@code exp} failed. Said apart, so that a client can
   * refresh it rather than send its user to log in again.
   */
  public static boolean onlyExpired(Throwable failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof InvalidJwtException invalid) {
        return invalid.hasExpired()
            && invalid.getErrorDetails().stream()
                .allMatch(detail -> detail.getErrorCode() == ErrorCodes.EXPIRED);
      }
    }
    return false;
  }
}
