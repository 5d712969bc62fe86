package io.tollgate.gateway.apikey;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import io.tollgate.gateway.config.GatewayConfig;
import io.tollgate.gateway.http.ProblemException;
import io.tollgate.gateway.http.Problems.Kind;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Mints the short-lived JWT an API-key request is forwarded with: RS256, the platform's issuer and
 * audience, {@code sub}/{@code upn} = the key's owner, {@code groups} = [MEMBER], and the key's
 * limits as {@code api_key_id}, {@code scope} and {@code projects}. Services verify it like any
 * other token. One token per key is reused until half its lifetime has passed, so signing happens
 * every few minutes per key, not per request.
 */
@ApplicationScoped
class TokenMinter {

  private static final Logger LOG = Logger.getLogger(TokenMinter.class);

  private final GatewayConfig.ApiKeys config;
  private final String issuer;
  private final String audience;
  private final Map<UUID, Minted> minted = new ConcurrentHashMap<>();
  private volatile PrivateKey signingKey;
  private volatile boolean loaded;
  private volatile String unavailable = "no signing key";

  private record Minted(String token, long renewAfterMillis) {}

  TokenMinter(
      GatewayConfig config,
      @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
      @ConfigProperty(name = "mp.jwt.verify.audiences") List<String> audiences) {
    this.config = config.apiKeys();
    this.issuer = issuer;
    this.audience = audiences.get(0);
  }

  /** Reads the key on a worker right after start-up, off the start-up's critical path. */
  void loadKeyInBackground(@Observes StartupEvent event, Vertx vertx) {
    vertx.executeBlocking(
        () -> {
          key();
          return null;
        },
        false);
  }

  /** The signing key, read on first use; null when it is not configured or cannot be read. */
  private PrivateKey key() {
    if (!loaded) {
      synchronized (this) {
        if (!loaded) {
          signingKey = load();
          loaded = true;
        }
      }
    }
    return signingKey;
  }

  private PrivateKey load() {
    if (config.signingKeyLocation().isEmpty()) {
      unavailable = "gateway.api-keys.signing-key-location is not set";
      LOG.warn(
          "No API-key signing key (gateway.api-keys.signing-key-location): API keys answer 503");
      return null;
    }
    String location = config.signingKeyLocation().get();
    try {
      // readKeyContent takes file: URLs and paths (readPrivateKey reads the class path only)
      PrivateKey key = KeyUtils.decodePrivateKey(KeyUtils.readKeyContent(location));
      LOG.infof(
          "API-key tokens are signed with the key at %s (kid %s)", location, config.signingKeyId());
      return key;
    } catch (Exception e) {
      unavailable = "the signing key cannot be read";
      // the exception's class only: its message could quote key material
      LOG.warnf(
          "Cannot read the API-key signing key at %s (%s): API keys answer 503",
          location, e.getClass().getSimpleName());
      return null;
    }
  }

  /** A valid token for the key, minted or reused; 503 when the gateway has no signing key. */
  String tokenFor(ApiKey key) {
    long now = System.currentTimeMillis();
    Minted current = minted.get(key.id());
    if (current != null && now < current.renewAfterMillis()) {
      return current.token();
    }
    PrivateKey privateKey = key();
    if (privateKey == null) {
      throw new ProblemException(Kind.UNAVAILABLE, "API keys cannot be used now: " + unavailable);
    }
    Duration ttl = config.tokenTtl();
    Instant issuedAt = Instant.ofEpochMilli(now);
    JwtClaimsBuilder claims =
        Jwt.issuer(issuer)
            .audience(audience)
            .subject(key.ownerId())
            .upn(key.ownerId())
            .groups(Set.of("MEMBER"))
            .issuedAt(issuedAt)
            .expiresAt(issuedAt.plus(ttl))
            .claim("jti", UUID.randomUUID().toString())
            .claim("api_key_id", key.id().toString())
            .claim("scope", key.scope().name());
    if (key.projectIds() != null) {
      claims.claim("projects", key.projectIds());
    }
    String token = claims.jws().keyId(config.signingKeyId()).sign(privateKey);
    minted.put(key.id(), new Minted(token, now + ttl.toMillis() / 2));
    return token;
  }

  /** Forgets the token of a revoked key, so it is never forwarded again. */
  void forget(UUID keyId) {
    minted.remove(keyId);
  }
}
