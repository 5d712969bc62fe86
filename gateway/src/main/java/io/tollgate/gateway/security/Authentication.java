package io.tollgate.gateway.security;

/**
 * A request's established identity and the bearer token to forward with it.
 *
 * @param forwardToken the token the gateway minted for an API key, or null to forward the caller's
 *     own bearer token unchanged
 */
public record Authentication(Identity identity, String forwardToken) {}
