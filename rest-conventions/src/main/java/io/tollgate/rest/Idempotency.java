package io.tollgate.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Honours {@code Idempotency-Key} on creates: the same key with the same body replays the first
 * response; the same key with another body is refused with 422. A key belongs to the caller who
 * sent it and to the operation it was sent to. The record is written in the create's own
 * transaction, so a failed create leaves no key behind, and concurrent requests with one key are
 * serialised by a transaction-scoped advisory lock, so that they replay rather than collide.
 */
@ApplicationScoped
public class Idempotency {

  public static final String HEADER = "Idempotency-Key";
  private static final int MAX_KEY_LENGTH = 200;

  /** The first half of the advisory lock taken per key, so that it meets no other lock's. */
  private static final int LOCK_SPACE = 0x1de4907;

  private final EntityManager em;
  private final ObjectMapper mapper;
  private final SecurityIdentity caller;
  private final Duration retention;

  Idempotency(
      EntityManager em,
      ObjectMapper mapper,
      SecurityIdentity caller,
      @ConfigProperty(name = "tollgate.idempotency.retention", defaultValue = "24h")
          Duration retention) {
    this.em = em;
    this.mapper = mapper;
    this.caller = caller;
    this.retention = retention;
  }

  /** Runs {@code create} once per key, scoped to the request's own path ({@code POST /path}). */
  public Response once(String key, UriInfo uri, Object request, Supplier<Response> create) {
    return once(key, "POST " + canonicalPath(uri.getPath()), request, create);
  }

  /**
   * The path as a scope: ids in their canonical spelling and no trailing slash, so that {@code
   * /projects/3F1C...} and {@code /projects/3f1c.../}, which name the same resource, are one scope
   * and a retry spelled either way replays instead of creating again.
   */
  static String canonicalPath(String path) {
    StringBuilder canonical = new StringBuilder(path.length());
    for (String segment : path.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      canonical.append('/');
      if (segment.length() == 36 && segment.charAt(8) == '-') {
        try {
          canonical.append(UUID.fromString(segment));
          continue;
        } catch (IllegalArgumentException notAnId) {
          // an ordinary segment that happens to look like one
        }
      }
      canonical.append(segment);
    }
    return canonical.length() == 0 ? "/" : canonical.toString();
  }

  /**
   * Runs {@code create} once per key.
   *
   * @param key the client's Idempotency-Key, or {@code null} to just run the create
   * @param scope what the key is scoped to, such as {@code POST /api/v1/projects}
   * @param request the request body, compared by content
   */
  @Transactional
  public Response once(String key, String scope, Object request, Supplier<Response> create) {
    if (key == null) {
      return create.get();
    }
    if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
      throw ProblemException.invalid(
          HEADER, "must be 1 to " + MAX_KEY_LENGTH + " characters (a UUID is a good choice)");
    }
    String hash = hash(request);
    // a key is the caller's own: another caller's equal key is another key
    String by = by();
    // Requests with the same key wait for each other until the first commits: a retry sent while
    // the first attempt is still running then replays its response, instead of running the create
    // again and failing on what the first one wrote.
    em.createNativeQuery("select 1 from (select pg_advisory_xact_lock(:space, hashtext(:key))) l")
        .setParameter("space", LOCK_SPACE)
        .setParameter("key", scope + " " + by + " " + key)
        .getSingleResult();
    IdempotencyRecord.Id id = new IdempotencyRecord.Id(scope, by, key);
    IdempotencyRecord previous = em.find(IdempotencyRecord.class, id);
    if (previous != null
        && previous.createdAt.isBefore(OffsetDateTime.now(ZoneOffset.UTC).minus(retention))) {
      // forgotten at its retention, as documented, whether or not the purge has run since (it
      // runs every purge-interval, and a failed run only tries again later); a bulk delete, since
      // the purge may delete the row first, which em.remove would take for a stale version
      em.detach(previous);
      em.createQuery("delete from IdempotencyRecord r where r.id = :id")
          .setParameter("id", id)
          .executeUpdate();
      previous = null;
    }
    if (previous != null) {
      if (!previous.requestHash.equals(hash)) {
        throw new ProblemException(
            ProblemType.IDEMPOTENCY_KEY_REUSED,
            "Idempotency-Key " + key + " was already used with a different request body");
      }
      return replay(previous);
    }
    Response response = create.get();
    IdempotencyRecord record = new IdempotencyRecord();
    record.id = id;
    record.requestHash = hash;
    record.status = response.getStatus();
    record.location = response.getLocation() == null ? null : response.getLocation().toString();
    EntityTag etag = response.getEntityTag();
    record.etag = etag == null ? null : etag.getValue();
    record.body = json(response.getEntity());
    record.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    em.persist(record);
    return response;
  }

  /**
   * Who the key belongs to: the user, and the API key when the call came with one (the gateway's
   * {@code api_key_id} claim), since a key limited to some projects must not replay what its owner
   * created with another credential.
   */
  private String by() {
    if (caller.isAnonymous()) {
      return "";
    }
    String user = caller.getPrincipal().getName();
    if (caller.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim("api_key_id") != null) {
      return user
          + " api-key "
          + String.valueOf((Object) jwt.getClaim("api_key_id")).replace("\"", "");
    }
    return user;
  }

  private Response replay(IdempotencyRecord previous) {
    Response.ResponseBuilder builder =
        Response.status(previous.status).header("Idempotent-Replayed", "true");
    if (previous.location != null) {
      builder.location(URI.create(previous.location));
    }
    if (previous.etag != null) {
      builder.tag(new EntityTag(previous.etag));
    }
    if (previous.body != null) {
      builder.entity(previous.body).header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
    }
    return builder.build();
  }

  private String json(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response cannot be kept for replay", e);
    }
  }

  private String hash(Object request) {
    try {
      byte[] canonical = mapper.writeValueAsBytes(mapper.valueToTree(request));
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("request cannot be fingerprinted", e);
    }
  }
}
