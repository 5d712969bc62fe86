package io.tollgate.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies a bearer token once and remembers the result for at most a minute, and never beyond the
 * token's own expiry: a client sends the same token with every request, and checking its RSA
 * signature again each time was a tenth of a service's CPU under load (docs/performance.md). The
 * gateway keeps the same kind of cache for its own check.
 *
 * <p>Only a token that verified is remembered, keyed by its exact text, so a changed or forged
 * token is always checked in full. The price is that a token signed by a key that has just been
 * withdrawn from the JWKS stays accepted for up to a minute; tokens are not revocable anyway.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenCache implements JWTParser {

  static final int MAX_ENTRIES = 10_000;
  static final long MAX_AGE_MILLIS = 60_000;

  private final JWTParser delegate;
  private final LongSupplier clock;
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();

  private record Verified(JsonWebToken token, long validUntilMillis) {}

  @Inject
  VerifiedTokenCache(DefaultJWTParser delegate) {
    this(delegate, System::currentTimeMillis);
  }

  VerifiedTokenCache(JWTParser delegate, LongSupplier clock) {
    this.delegate = delegate;
    this.clock = clock;
  }

  @Override
  public JsonWebToken parse(String bearerToken) throws ParseException {
    long now = clock.getAsLong();
    Verified known = verified.get(bearerToken);
    if (known != null && now < known.validUntilMillis()) {
      return known.token();
    }
    JsonWebToken token = delegate.parse(bearerToken);
    long expiresAt = token.getExpirationTime() * 1000;
    if (expiresAt > now) {
      if (verified.size() >= MAX_ENTRIES) {
        verified.clear(); // crude but bounded: at worst every token is verified once more
      }
      verified.put(bearerToken, new Verified(token, Math.min(expiresAt, now + MAX_AGE_MILLIS)));
    }
    return token;
  }

  @Override
  public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
    return delegate.parse(token, context);
  }

  @Override
  public JsonWebToken verify(String token, PublicKey key) throws ParseException {
    return delegate.verify(token, key);
  }

  @Override
  public JsonWebToken verify(String token, SecretKey key) throws ParseException {
    return delegate.verify(token, key);
  }

  @Override
  public JsonWebToken verify(String token, String secret) throws ParseException {
    return delegate.verify(token, secret);
  }

  @Override
  public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
    return delegate.decrypt(token, key);
  }

  @Override
  public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
    return delegate.decrypt(token, key);
  }

  @Override
  public JsonWebToken decrypt(String token, String secret) throws ParseException {
    return delegate.decrypt(token, secret);
  }

  @Override
  public JsonWebToken parseOnly(String token) throws ParseException {
    return delegate.parseOnly(token);
  }
}
