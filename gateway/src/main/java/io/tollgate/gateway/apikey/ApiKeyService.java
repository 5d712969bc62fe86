package io.tollgate.gateway.apikey;

import io.tollgate.gateway.config.GatewayConfig;
import io.tollgate.gateway.http.ProblemException;
import io.tollgate.gateway.http.Problems.Kind;
import io.tollgate.gateway.security.Authentication;
import io.tollgate.gateway.security.Authenticator;
import io.tollgate.gateway.security.Identity;
import io.tollgate.gateway.security.Identity.AccessScope;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Creates, lists and revokes API keys, and exchanges a presented secret for the key's identity and
 * a token minted for it.
 *
 * <p>A secret is {@code tgk_} and 256 random bits (base64url); only its SHA-256 is stored, which is
 * enough for a secret that cannot be guessed (no slow hash needed). Keys found by their hash are
 * remembered for {@code gateway.api-keys.cache-ttl}, so a busy integrator does not cost a database
 * query per request; revoking a key forgets it at once on this instance, and a lookup that read the
 * key before the revocation was written and ends after it neither caches nor uses what it read.
 */
@ApplicationScoped
public class ApiKeyService {

  /** The prefix of every secret, so scanners and people can recognise a leaked one. */
  static final String SECRET_PREFIX = "tgk_";

  private static final Logger LOG = Logger.getLogger(ApiKeyService.class);
  private static final Pattern SECRET_FORMAT = Pattern.compile("tgk_[A-Za-z0-9_-]{43}");
  private static final int SHOWN_PREFIX = 8;
  private static final int CACHE_MAX_ENTRIES = 10_000;

  private final ApiKeyStore store;
  private final ApiKeyDatabase database;
  private final TokenMinter minter;
  private final Vertx vertx;
  private final long cacheTtlMillis;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Cached> byHash = new ConcurrentHashMap<>();
  private final RecentRevocations revocations = new RecentRevocations();

  private record Cached(ApiKey key, long validUntilMillis) {}

  /** A key just created, with its secret: the only time the secret exists outside the caller. */
  public record Created(ApiKey key, String secret) {}

  /** What an admin asks for. */
  public record NewKey(String name, AccessScope scope, List<String> projectIds, String ownerId) {}

  /** One page of keys. */
  public record Page(List<ApiKey> items, int page, int size, long totalItems) {

    public int totalPages() {
      return (int) ((totalItems + size - 1) / size);
    }
  }

  ApiKeyService(
      ApiKeyStore store,
      ApiKeyDatabase database,
      TokenMinter minter,
      Vertx vertx,
      GatewayConfig config) {
    this.store = store;
    this.database = database;
    this.minter = minter;
    this.vertx = vertx;
    this.cacheTtlMillis = config.apiKeys().cacheTtl().toMillis();
  }

  /**
   * The authentication for a presented secret: the owner's identity limited by the key, and a token
   * minted for it. Fails with 401 for an unknown or revoked key, 503 when the store or the signing
   * key is unavailable.
   *
   * @param mayQueryDatabase asked before a secret not seen recently is looked up, so that guessing
   *     secrets is throttled before it reaches the database
   */
  public Future<Authentication> exchange(String secret, BooleanSupplier mayQueryDatabase) {
    if (!SECRET_FORMAT.matcher(secret).matches()) {
      return Future.failedFuture(invalidKey());
    }
    byte[] hash = sha256(secret);
    String hashKey = HexFormat.of().formatHex(hash);
    Cached cached = byHash.get(hashKey);
    if (cached != null && System.currentTimeMillis() < cached.validUntilMillis()) {
      return authenticate(cached.key());
    }
    if (!mayQueryDatabase.getAsBoolean()) {
      return Future.failedFuture(
          new ProblemException(
              Kind.TOO_MANY_REQUESTS,
              "too many failed or unfinished API key authentications from this address; try"
                  + " again later",
              Map.of("Retry-After", "1")));
    }
    long began = revocations.lookupBegins();
    return blocking(() -> store.findBySecretHash(hash))
        .transform(
            lookup -> {
              Optional<ApiKey> found = lookup.succeeded() ? lookup.result() : Optional.empty();
              if (found.isEmpty() || !found.get().active()) {
                revocations.lookupEnded(began, null);
                return lookup.failed()
                    ? Future.failedFuture(lookup.cause())
                    : Future.failedFuture(invalidKey());
              }
              ApiKey key = found.get();
              if (byHash.size() >= CACHE_MAX_ENTRIES) {
                byHash.clear();
              }
              Cached entry = new Cached(key, System.currentTimeMillis() + cacheTtlMillis);
              byHash.put(hashKey, entry);
              // Cached first, checked second: a revocation noted after this check clears the entry.
              if (revocations.lookupEnded(began, key.id())) {
                byHash.remove(hashKey, entry);
                return Future.failedFuture(invalidKey());
              }
              return authenticate(key);
            });
  }

  private Future<Authentication> authenticate(ApiKey key) {
    try {
      String token = minter.tokenFor(key);
      Identity identity =
          new Identity(
              key.ownerId(),
              Set.of("MEMBER"),
              key.id().toString(),
              key.scope(),
              key.projectIds() == null ? null : Set.copyOf(key.projectIds()),
              Long.MAX_VALUE);
      return Future.succeededFuture(new Authentication(identity, token));
    } catch (ProblemException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * Creates a key once per {@code idempotencyKey} of its creator (ADR 0021): a retry with the same
   * key and body is a 409 that names the key the first attempt made, whose secret was shown only in
   * that attempt's answer; the same key with another body is a 422.
   *
   * @param idempotencyKey the client's Idempotency-Key, or {@code null}
   * @param requestHash the SHA-256 of the request body, compared with the first attempt's
   */
  public Future<Created> create(
      NewKey request, String createdBy, String idempotencyKey, byte[] requestHash) {
    String secret = newSecret();
    ApiKey key =
        new ApiKey(
            UUID.randomUUID(),
            request.name(),
            request.scope(),
            request.projectIds(),
            request.ownerId(),
            secret.substring(0, SHOWN_PREFIX),
            Instant.now().truncatedTo(ChronoUnit.MICROS),
            createdBy,
            null,
            null);
    return blocking(
        () -> {
          if (idempotencyKey == null) {
            store.insert(key, sha256(secret));
          } else {
            Optional<ApiKeyStore.Earlier> earlier =
                store.insertOnce(key, sha256(secret), idempotencyKey, requestHash);
            if (earlier.isPresent()) {
              throw alreadyCreated(earlier.get(), idempotencyKey, requestHash);
            }
          }
          LOG.infof(
              "API key %s (%s, %s, owner %s) created by %s",
              key.id(), key.name(), key.scope(), key.ownerId(), createdBy);
          return new Created(key, secret);
        });
  }

  private static ProblemException alreadyCreated(
      ApiKeyStore.Earlier earlier, String idempotencyKey, byte[] requestHash) {
    if (!MessageDigest.isEqual(earlier.requestHash(), requestHash)) {
      return new ProblemException(
          Kind.IDEMPOTENCY_KEY_REUSED,
          "Idempotency-Key " + idempotencyKey + " was already used with a different request body");
    }
    return new ProblemException(
        Kind.CONFLICT,
        "Idempotency-Key "
            + idempotencyKey
            + " already created API key "
            + earlier.keyId()
            + " at "
            + earlier.createdAt()
            + "; its secret was shown only in that answer. If the answer was lost, revoke that"
            + " key and create another with a new Idempotency-Key",
        Map.of("Location", ApiKeyRoutes.PREFIX + "/" + earlier.keyId()));
  }

  public Future<Page> list(int page, int size) {
    return blocking(() -> new Page(store.page(page * size, size), page, size, store.count()));
  }

  public Future<Optional<ApiKey>> find(UUID id) {
    return blocking(() -> store.findById(id));
  }

  /**
   * Revokes a key; its secret stops working on this instance at once. A key revoked before stays as
   * it was, and its revocation is not logged again: the log names who revoked it, once.
   */
  public Future<Optional<ApiKey>> revoke(UUID id, String revokedBy) {
    return blocking(
            () -> {
              Optional<ApiKeyStore.Revocation> revocation =
                  store.revoke(id, revokedBy, Instant.now().truncatedTo(ChronoUnit.MICROS));
              revocation
                  .filter(ApiKeyStore.Revocation::revokedNow)
                  .ifPresent(
                      r ->
                          LOG.infof(
                              "API key %s (%s) revoked by %s",
                              r.key().id(), r.key().name(), revokedBy));
              return revocation.map(ApiKeyStore.Revocation::key);
            })
        .andThen(
            done -> {
              // noted before the cache is cleared: a lookup that read the key before the UPDATE
              // and ends after this neither caches nor uses it
              revocations.revoked(id);
              byHash.values().removeIf(c -> c.key().id().equals(id));
              minter.forget(id);
            });
  }

  /**
   * Runs store work on a worker thread once the database is ready. A store that cannot be reached
   * is a 503 with {@code Retry-After}; a value it refuses a 400, a constraint it enforces a 409;
   * any other SQL failure is the gateway's own, a 500 logged as an ERROR ({@link #problemFor}).
   */
  private <T> Future<T> blocking(Callable<T> work) {
    return vertx
        .executeBlocking(
            () -> {
              database.ensureReady();
              return work.call();
            },
            false)
        .recover(
            failure -> {
              if (failure instanceof SQLException sql) {
                ProblemException problem = problemFor(sql);
                if (problem != null) {
                  LOG.warnf(
                      "API key store refused (SQLState %s, answered %d): %s",
                      sql.getSQLState(), problem.kind().status, sql.getMessage());
                  return Future.failedFuture(problem);
                }
              }
              // the route's failure handler logs it as an ERROR and answers a 500 problem
              return Future.failedFuture(failure);
            });
  }

  /** What a client is told of a failed store call, by its SQLState; null for the gateway's own. */
  static ProblemException problemFor(SQLException failure) {
    return switch (classify(failure)) {
      case UNAVAILABLE ->
          new ProblemException(
              Kind.UNAVAILABLE,
              "the API key store is not available; try again later",
              Map.of("Retry-After", "5"));
      case BAD_REQUEST ->
          new ProblemException(
              Kind.BAD_REQUEST, "the API key store does not take a value of this request");
      case CONFLICT ->
          new ProblemException(
              Kind.CONFLICT, "the request conflicts with an API key already stored; try again");
      default -> null;
    };
  }

  /**
   * Only a store that cannot be reached is "unavailable", worth retrying later: no connection
   * (SQLState class 08), the server shutting down or starting up (57P01, 57P02, 57P03), too many
   * connections (53300), a database not accepting connections (55000 with that message), or no
   * pooled connection free or made in time. A value the store refuses (class 22) is the request's;
   * a constraint (class 23) a conflict with what is stored; anything else (a missing table, a
   * privilege, a bug in a statement) the gateway's own.
   */
  static Kind classify(SQLException failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08")
            || UNAVAILABLE_STATES.contains(state)
            || (state.equals("55000") && notAcceptingConnections(sql))) {
          return Kind.UNAVAILABLE;
        }
        if (state.startsWith("22")) {
          return Kind.BAD_REQUEST;
        }
        if (state.startsWith("23")) {
          return Kind.CONFLICT;
        }
        return Kind.INTERNAL;
      }
      if (t instanceof java.sql.SQLTransientConnectionException || acquisitionTimeout(t)) {
        // Agroal's pool: no connection free (or made) in time; it sets no SQLState
        return Kind.UNAVAILABLE;
      }
    }
    return Kind.INTERNAL;
  }

  /**
   * Agroal says "Acquisition timeout while waiting for new connection" when no connection could be
   * made in time, and "Sorry, acquisition timeout!" when the pool stayed full; neither has a
   * SQLState.
   */
  private static boolean acquisitionTimeout(Throwable t) {
    return t.getMessage() != null
        && t.getMessage().toLowerCase(Locale.ROOT).contains("acquisition timeout");
  }

  /**
   * 55000 (object not in prerequisite state) is also what PostgreSQL answers for a database that
   * does not take connections just now ({@code ALTER DATABASE ... ALLOW_CONNECTIONS false}); any
   * other 55000 is not about reaching the store.
   */
  private static boolean notAcceptingConnections(SQLException sql) {
    return sql.getMessage() != null
        && sql.getMessage().contains("not currently accepting connections");
  }

  private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

  private String newSecret() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static ProblemException invalidKey() {
    return Authenticator.unauthorized(
        "the API key is not valid or has been revoked", Authenticator.INVALID_TOKEN_CHALLENGE);
  }

  static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
