package io.tollgate.security;

/**
 * A verified token whose claim that limits it cannot be read ({@link CredentialLimits}): answered
 * 401 {@code invalid_token} ({@link SecurityProblemMappers}), never served as if it were unlimited.
 */
public class UnreadableClaimException extends RuntimeException {

  UnreadableClaimException(String claim, String form) {
    super(
        "the bearer token's '"
            + claim
            + "' claim cannot be read: it limits what the token may do, so it must be "
            + form
            + "; ask the token's issuer for one in that form",
        null,
        false,
        false);
  }
}
