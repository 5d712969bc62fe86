package io.tollgate.gateway.security;

/**
 * A request's established identity and the bearer token to forward with it.
 *
 * @param forwardToken the token to forward as {@code Authorization: Bearer <token>}: the one the
 *     gateway minted for an API key, or the caller's own when its header was written otherwise
 *     ({@code bearer <token>}); null to forward the caller's header unchanged
 */
public record Authentication(Identity identity, String forwardToken) {}
