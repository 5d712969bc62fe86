package io.tollgate.gateway.apikey;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import io.tollgate.gateway.http.ProblemException;
import io.tollgate.gateway.http.Problems;
import io.tollgate.gateway.http.Problems.Kind;
import io.tollgate.gateway.security.Identity;
import io.tollgate.gateway.security.Identity.AccessScope;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The gateway's own endpoints, for administrators only:
 *
 * <ul>
 *   <li>{@code POST /api/v1/api-keys} creates a key and answers 201 with its secret, the only time
 *       the secret is ever shown;
 *   <li>{@code GET /api/v1/api-keys} lists keys (paged, never with secrets);
 *   <li>{@code GET /api/v1/api-keys/{id}} reads one;
 *   <li>{@code DELETE /api/v1/api-keys/{id}} revokes one (204; again is a no-op).
 * </ul>
 */
@ApplicationScoped
public class ApiKeyRoutes {

  public static final String PREFIX = "/api/v1/api-keys";

  private static final int MAX_BODY_BYTES = 16 * 1024;
  private static final int MAX_PAGE_SIZE = 200;
  private static final int MAX_PROJECTS = 100;
  private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  private static final int MAX_IDEMPOTENCY_KEY = 200;
  // what the services store a user id in (varchar(200)): a key acting as a longer one could never
  // write, and an admin recorded as a longer one would not be anyone the services know
  static final int MAX_USER_ID = 200;
  private static final Set<String> FIELDS = Set.of("name", "scope", "projectIds", "ownerId");
  private static final Pattern UUID_FORMAT =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final ApiKeyService service;

  ApiKeyRoutes(ApiKeyService service) {
    this.service = service;
  }

  /** Whether a normalized path is one of these endpoints' (rather than a proxied route's). */
  public static boolean owns(String path) {
    return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
  }

  /** Serves the request; every failure is answered as a problem. */
  public void handle(RoutingContext rc, Identity caller) {
    HttpServerRequest request = rc.request();
    Future<Void> done;
    try {
      if (!caller.isAdmin()) {
        throw new ProblemException(Kind.FORBIDDEN, "managing API keys needs the ADMIN role");
      }
      String rest = rc.normalizedPath().substring(PREFIX.length());
      if (rest.length() > 1 && rest.endsWith("/")) {
        // a trailing slash names the same resource, as on the services' paths
        rest = rest.substring(0, rest.length() - 1);
      }
      if (rest.isEmpty() || rest.equals("/")) {
        done =
            switch (request.method().name()) {
              case "GET", "HEAD" -> {
                queryParameters(rc, "page", "size");
                yield list(rc);
              }
              case "POST" -> {
                queryParameters(rc);
                recordable(caller);
                yield create(rc, caller);
              }
              default -> throw methodNotAllowed("GET, HEAD, POST");
            };
      } else if (rest.indexOf('/', 1) < 0) {
        UUID id = id(rest.substring(1));
        queryParameters(rc);
        done =
            switch (request.method().name()) {
              case "GET", "HEAD" -> get(rc, id);
              case "DELETE" -> {
                recordable(caller);
                yield revoke(rc, id, caller);
              }
              default -> throw methodNotAllowed("GET, HEAD, DELETE");
            };
      } else {
        throw new ProblemException(Kind.NOT_FOUND, "No API route for " + request.path());
      }
    } catch (ProblemException e) {
      done = Future.failedFuture(e);
    }
    done.onFailure(failure -> fail(rc, failure));
  }

  /**
   * The caller is recorded as a key's creator or revoker: a user id the services could store. A
   * longer one is refused as the services refuse it (security's RecordableCallers): 403, in the
   * same words, since nothing in the request could make it right; only another token could.
   */
  private static void recordable(Identity caller) {
    if (caller.subject().length() > MAX_USER_ID) {
      throw new ProblemException(
          Kind.FORBIDDEN,
          "changes are recorded under the caller's user id, which may have at most "
              + MAX_USER_ID
              + " characters; this token's has "
              + caller.subject().length());
    }
  }

  private Future<Void> list(RoutingContext rc) {
    int page = intParam(rc, "page", 0);
    int size = intParam(rc, "size", 20);
    JsonArray violations = new JsonArray();
    if (page < 0) {
      violations.add(violation("page", "must be 0 or more"));
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      violations.add(violation("size", "must be between 1 and " + MAX_PAGE_SIZE));
    } else if ((long) page * size > Integer.MAX_VALUE) {
      // the first row's offset is an int: beyond it, page × size would wrap round to another page
      violations.add(violation("page", "must be at most " + Integer.MAX_VALUE / size));
    }
    if (!violations.isEmpty()) {
      throw ProblemException.invalid(violations);
    }
    return service
        .list(page, size)
        .map(
            result -> {
              JsonArray items = new JsonArray();
              result.items().forEach(key -> items.add(key.toJson()));
              List<String> links = new ArrayList<>();
              if (page + 1 < result.totalPages()) {
                links.add(link(page + 1, size, "next"));
              }
              if (page > 0) {
                // from past the end, back to the last page that has keys (or the first, without
                // any), not to the page before this one, which is as empty
                links.add(
                    link(Math.max(0, Math.min(page - 1, result.totalPages() - 1)), size, "prev"));
              }
              if (!links.isEmpty()) {
                rc.response().putHeader("Link", String.join(", ", links));
              }
              json(
                  rc,
                  200,
                  new JsonObject()
                      .put("items", items)
                      .put("page", page)
                      .put("size", size)
                      .put("totalItems", result.totalItems())
                      .put("totalPages", result.totalPages()));
              return null;
            });
  }

  private Future<Void> get(RoutingContext rc, UUID id) {
    return service
        .find(id)
        .map(
            key -> {
              json(rc, 200, key.orElseThrow(() -> notFound(id)).toJson());
              return null;
            });
  }

  private Future<Void> revoke(RoutingContext rc, UUID id, Identity caller) {
    return service
        .revoke(id, caller.subject())
        .map(
            key -> {
              key.orElseThrow(() -> notFound(id));
              rc.response().setStatusCode(204).end();
              return null;
            });
  }

  private Future<Void> create(RoutingContext rc, Identity caller) {
    String contentType = rc.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (contentType == null
        || !contentType
            .toLowerCase(Locale.ROOT)
            .replace(" ", "")
            .matches("application/json(;.*)?")) {
      throw new ProblemException(Kind.UNSUPPORTED_MEDIA_TYPE, "send the key as application/json");
    }
    String idempotencyKey = rc.request().getHeader(IDEMPOTENCY_KEY);
    if (idempotencyKey != null
        && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
      throw new ProblemException(
          Kind.BAD_REQUEST,
          "1 field is not valid",
          Map.of(),
          new JsonArray()
              .add(
                  violation(
                      IDEMPOTENCY_KEY,
                      "must be 1 to "
                          + MAX_IDEMPOTENCY_KEY
                          + " characters (a UUID is a good choice)")));
    }
    return readBody(rc.request())
        .compose(
            body -> {
              ApiKeyService.NewKey key = parse(body);
              return service.create(
                  key,
                  caller.subject(),
                  idempotencyKey,
                  idempotencyKey == null ? null : fingerprint(key));
            })
        .map(
            created -> {
              JsonObject json = created.key().toJson().put("secret", created.secret());
              rc.response()
                  .putHeader(HttpHeaders.LOCATION, PREFIX + "/" + created.key().id())
                  .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
              json(rc, 201, json);
              return null;
            });
  }

  /**
   * What a retry's request is compared with, as the services compare theirs (rest-conventions'
   * Idempotency): the SHA-256 of the request as read, its fields in one order, so that the same
   * JSON with its members in another order or other spaces between them is the same request.
   */
  static byte[] fingerprint(ApiKeyService.NewKey key) {
    JsonObject canonical =
        new JsonObject()
            .put("name", key.name())
            .put("scope", key.scope().name())
            .put("projectIds", key.projectIds() == null ? null : new JsonArray(key.projectIds()))
            .put("ownerId", key.ownerId());
    try {
      return java.security.MessageDigest.getInstance("SHA-256")
          .digest(canonical.toBuffer().getBytes());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A parser that stops at a repeated name, which Vert.x's own decoder silently overwrites. */
  private static final JsonFactory STRICT_JSON =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** The create request, validated field by field. */
  static ApiKeyService.NewKey parse(Buffer body) {
    JsonObject json;
    try {
      Object parsed = body.length() == 0 ? null : Json.decodeValue(body);
      if (!(parsed instanceof JsonObject object)) {
        throw new ProblemException(Kind.MALFORMED_BODY, "the body must be a JSON object");
      }
      json = object;
    } catch (DecodeException e) {
      throw new ProblemException(Kind.MALFORMED_BODY, "the body is not valid JSON");
    }
    JsonArray violations = new JsonArray();
    String repeated = repeatedName(body);
    if (repeated != null) {
      // the decoder keeps the last of them; which one the client meant is anyone's guess
      violations.add(violation(repeated, "appears more than once"));
    }
    for (String field : json.fieldNames()) {
      if (!FIELDS.contains(field)) {
        violations.add(violation(field, "unknown field"));
      }
    }
    String name = text(json, "name", 100, violations);
    String owner = text(json, "ownerId", MAX_USER_ID, violations);
    AccessScope scope = null;
    Object scopeValue = json.getValue("scope");
    if (scopeValue == null) {
      violations.add(violation("scope", "must be READ_ONLY or READ_WRITE"));
    } else {
      scope = AccessScope.named(scopeValue instanceof String s ? s : "");
      if (scope == null) {
        violations.add(violation("scope", "must be READ_ONLY or READ_WRITE"));
      }
    }
    List<String> projects = projects(json.getValue("projectIds"), violations);
    if (!violations.isEmpty()) {
      throw ProblemException.invalid(violations);
    }
    return new ApiKeyService.NewKey(name, scope, projects, owner);
  }

  /** The path of a name given twice in one object of {@code body} (valid JSON), or null. */
  static String repeatedName(Buffer body) {
    try (JsonParser parser = STRICT_JSON.createParser(body.getBytes())) {
      while (parser.nextToken() != null) {
        // reading every token is the check
      }
      return null;
    } catch (StreamReadException e) {
      if (e.getProcessor() == null
          || !String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field")) {
        return null;
      }
      String pointer = e.getProcessor().getParsingContext().pathAsPointer().toString();
      return pointer.substring(1).replace('/', '.');
    } catch (IOException e) {
      return null;
    }
  }

  private static String text(JsonObject json, String field, int max, JsonArray violations) {
    Object value = json.getValue(field);
    if (!(value instanceof String s) || s.isBlank()) {
      violations.add(violation(field, "must not be blank"));
      return null;
    }
    String trimmed = s.trim();
    // an unpaired surrogate is not Unicode: the database driver would store it as '?'
    if (trimmed.length() > max
        || trimmed.chars().anyMatch(Character::isISOControl)
        || trimmed
            .codePoints()
            .anyMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
      violations.add(
          violation(
              field,
              "must be at most "
                  + max
                  + " characters of Unicode text, without control characters"));
      return null;
    }
    return trimmed;
  }

  /** Absent or null: every project; otherwise 1 to 100 project ids (UUIDs). */
  private static List<String> projects(Object value, JsonArray violations) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_PROJECTS) {
      violations.add(
          violation(
              "projectIds",
              "must be a list of 1 to " + MAX_PROJECTS + " project ids, or absent for all"));
      return null;
    }
    Set<String> ids = new LinkedHashSet<>();
    for (int i = 0; i < array.size(); i++) {
      Object id = array.getValue(i);
      if (id instanceof String s && UUID_FORMAT.matcher(s).matches()) {
        ids.add(s.toLowerCase(Locale.ROOT));
      } else {
        violations.add(violation("projectIds[" + i + "]", "must be a project id (UUID)"));
      }
    }
    return List.copyOf(ids);
  }

  private static Future<Buffer> readBody(HttpServerRequest request) {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && parseLong(length) > MAX_BODY_BYTES) {
      return Future.failedFuture(tooLarge());
    }
    Buffer body = Buffer.buffer();
    Promise<Buffer> promise = Promise.promise();
    request.handler(
        chunk -> {
          if (body.length() + chunk.length() > MAX_BODY_BYTES) {
            request.handler(null);
            promise.tryFail(tooLarge());
          } else {
            body.appendBuffer(chunk);
          }
        });
    request.exceptionHandler(promise::tryFail);
    request.endHandler(v -> promise.tryComplete(body));
    request.resume();
    return promise.future();
  }

  private static void fail(RoutingContext rc, Throwable failure) {
    if (failure instanceof ProblemException problem) {
      problem.headers().forEach(rc.response()::putHeader);
      Problems.respond(rc, problem.kind(), problem.getMessage(), problem.violations());
    } else {
      rc.fail(failure);
    }
  }

  private static void json(RoutingContext rc, int status, JsonObject body) {
    rc.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(body.toBuffer());
  }

  private static UUID id(String segment) {
    if (!UUID_FORMAT.matcher(segment).matches()) {
      throw new ProblemException(Kind.NOT_FOUND, "No API key " + segment);
    }
    return UUID.fromString(segment);
  }

  private static ProblemException notFound(UUID id) {
    return new ProblemException(Kind.NOT_FOUND, "No API key " + id);
  }

  private static ProblemException methodNotAllowed(String allowed) {
    return new ProblemException(
        Kind.METHOD_NOT_ALLOWED, "allowed here: " + allowed, Map.of("Allow", allowed));
  }

  private static ProblemException tooLarge() {
    return new ProblemException(
        Kind.PAYLOAD_TOO_LARGE, "an API key request is at most " + MAX_BODY_BYTES + " bytes");
  }

  /**
   * Refuses a query parameter the operation does not take, and one given twice, by name: the
   * services' rule (rest-conventions' QueryParameters), for the gateway's own operations.
   */
  private static void queryParameters(RoutingContext rc, String... taken) {
    List<String> known = List.of(taken);
    MultiMap params = rc.queryParams();
    JsonArray violations = new JsonArray();
    for (String name : params.names()) {
      int times = params.getAll(name).size();
      if (!known.contains(name)) {
        violations.add(
            violation(
                name,
                "is not a parameter of this operation (it takes: "
                    + (known.isEmpty() ? "none" : String.join(", ", known))
                    + ")"));
      } else if (times > 1) {
        violations.add(violation(name, "is given " + times + " times; give it at most once"));
      }
    }
    if (!violations.isEmpty()) {
      throw ProblemException.invalid(violations);
    }
  }

  private static int intParam(RoutingContext rc, String name, int fallback) {
    MultiMap params = rc.queryParams();
    String value = params.get(name);
    if (value == null || value.isBlank()) {
      // an empty value is an absent one, as on the services (?page=)
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw ProblemException.invalid(new JsonArray().add(violation(name, "must be a number")));
    }
  }

  private static long parseLong(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  private static String link(int page, int size, String rel) {
    return "<" + PREFIX + "?page=" + page + "&size=" + size + ">; rel=\"" + rel + "\"";
  }

  private static JsonObject violation(String field, String message) {
    return new JsonObject().put("field", field).put("message", message);
  }
}
