package io.tollgate.security;

import io.tollgate.http.TokenLimits;

/**
 * A verified token whose claim that limits it cannot be read ({@link CredentialLimits}): answered
 * 401 {@code invalid_token} ({@link SecurityProblemMappers}), never served as if it were unlimited.
 */
public class UnreadableClaimException extends RuntimeException {

  UnreadableClaimException(TokenLimits.UnreadableClaim unreadable) {
    // its message says which claim and what form it must take, as the gateway says it
    super(unreadable.getMessage(), null, false, false);
  }
}
