package io.tollgate.gateway.security;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.tollgate.gateway.apikey.ApiKeyService;
import io.tollgate.gateway.http.ProblemException;
import io.tollgate.gateway.http.Problems.Kind;
import io.tollgate.http.BearerTokens;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * Establishes who a request comes from: a bearer JWT verified against {@code mp.jwt.verify.*}
 * (signature, issuer, audience, expiry), or an API key ({@code X-Api-Key: <secret>} or {@code
 * Authorization: ApiKey <secret>}) exchanged for a token the gateway mints.
 *
 * <p>Verified tokens are remembered for up to a minute (never past their expiry), so a client
 * sending the same token on every request costs one signature check per minute, not one per
 * request. Nothing here ever logs a credential: rejections are logged by reason only.
 */
@ApplicationScoped
public class Authenticator {

  public static final String X_API_KEY = "X-Api-Key";
  public static final String WWW_AUTHENTICATE = "WWW-Authenticate";

  public static final String CHALLENGE = "Bearer realm=\"tollgate\"";
  public static final String INVALID_TOKEN_CHALLENGE = CHALLENGE + ", error=\"invalid_token\"";

  /**
   * A token that would have been accepted but for its expiry: a web app refreshes it silently,
   * where any other refused token means logging in again (RFC 6750 section 3).
   */
  public static final String EXPIRED_TOKEN_CHALLENGE =
      INVALID_TOKEN_CHALLENGE + ", error_description=\"the token has expired\"";

  private static final Logger LOG = Logger.getLogger(Authenticator.class);
  private static final int CACHE_MAX_ENTRIES = 10_000;
  private static final long CACHE_MAX_MILLIS = 60_000;

  private final JWTParser parser;
  private final ApiKeyService apiKeys;
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();

  private record Verified(Identity identity, long validUntilMillis) {}

  Authenticator(JWTParser parser, ApiKeyService apiKeys) {
    this.parser = parser;
    this.apiKeys = apiKeys;
  }

  /**
   * The request's authentication; fails with a 401 {@link ProblemException} when it carries no
   * credential, more than one, or one that is not valid.
   *
   * @param mayQueryDatabase whether an API key not seen recently may be looked up (throttles
   *     guessing)
   */
  public Future<Authentication> authenticate(MultiMap headers, BooleanSupplier mayQueryDatabase) {
    List<String> authorization = headers.getAll(HttpHeaders.AUTHORIZATION);
    List<String> apiKey = headers.getAll(X_API_KEY);
    int credentials = authorization.size() + apiKey.size();
    if (credentials == 0) {
      return Future.failedFuture(
          unauthorized(
              "a bearer token (Authorization: Bearer <JWT>) or an API key (X-Api-Key) is required",
              CHALLENGE));
    }
    if (credentials > 1) {
      return Future.failedFuture(
          unauthorized(
              "send exactly one credential: one Authorization header or one X-Api-Key",
              INVALID_TOKEN_CHALLENGE));
    }
    if (!apiKey.isEmpty()) {
      return fromBrowser(headers)
          ? Future.failedFuture(apiKeyFromBrowser())
          : apiKeys.exchange(apiKey.get(0).trim(), mayQueryDatabase);
    }
    String value = authorization.get(0).trim();
    int space = value.indexOf(' ');
    String scheme = (space < 0 ? value : value.substring(0, space)).toLowerCase(Locale.ROOT);
    String credential = space < 0 ? "" : value.substring(space + 1).trim();
    if (credential.isEmpty()) {
      return Future.failedFuture(
          unauthorized("the Authorization header has no credential", INVALID_TOKEN_CHALLENGE));
    }
    return switch (scheme) {
      // RFC 9110 allows any case for the scheme and several spaces before the token; the
      // services' JWT check refuses more than one space, so anything but "Bearer <token>" is
      // forwarded in that form
      case "bearer" ->
          authorization.get(0).equals("Bearer " + credential)
              ? bearer(credential)
              : bearer(credential).map(a -> new Authentication(a.identity(), credential));
      case "apikey" ->
          fromBrowser(headers)
              ? Future.failedFuture(apiKeyFromBrowser())
              : apiKeys.exchange(credential, mayQueryDatabase);
      default ->
          Future.failedFuture(
              unauthorized(
                  "unsupported Authorization scheme; use Bearer or ApiKey",
                  INVALID_TOKEN_CHALLENGE));
    };
  }

  /**
   * Whether the request says it comes from a browser: browsers send {@code Origin} with every
   * cross-origin request and every same-origin one but {@code GET} and {@code HEAD}, and the fetch
   * metadata headers {@code Sec-Fetch-Mode} and {@code Sec-Fetch-Site} with every request (same
   * origin {@code GET} included; a page cannot leave them out or set them); server-side clients
   * send none of them. (CORS keeps {@code X-Api-Key} out of cross-origin requests, but not {@code
   * Authorization: ApiKey}, and not a page the gateway's own origin serves.) A browser too old for
   * fetch metadata (before 2020-2023, by vendor) still gets through on a same-origin {@code GET}.
   */
  private static boolean fromBrowser(MultiMap headers) {
    return headers.contains(HttpHeaders.ORIGIN)
        || headers.contains(SEC_FETCH_MODE)
        || headers.contains(SEC_FETCH_SITE);
  }

  private static final String SEC_FETCH_MODE = "Sec-Fetch-Mode";
  private static final String SEC_FETCH_SITE = "Sec-Fetch-Site";

  /**
   * An API key is a long-lived secret for a server: in a page, anyone who can read the page or run
   * script in it has it. Refused before it is looked up, whether it is valid or not.
   */
  private static ProblemException apiKeyFromBrowser() {
    return unauthorized(
        "API keys are for server-side integrations and are not accepted from a browser (the"
            + " request has an Origin, Sec-Fetch-Mode or Sec-Fetch-Site header); a browser must"
            + " use a bearer token: Authorization: Bearer <JWT>",
        INVALID_TOKEN_CHALLENGE);
  }

  private Future<Authentication> bearer(String token) {
    long now = System.currentTimeMillis();
    Verified cached = verified.get(token);
    if (cached != null && now < cached.validUntilMillis()) {
      return Future.succeededFuture(new Authentication(cached.identity(), null));
    }
    JsonWebToken jwt;
    try {
      jwt = parser.parse(token);
    } catch (ParseException e) {
      LOG.debugf("Bearer token rejected: %s", reason(e));
      return Future.failedFuture(
          BearerTokens.onlyExpired(e)
              ? unauthorized("the bearer token has expired; get a new one", EXPIRED_TOKEN_CHALLENGE)
              : unauthorized(
                  "the bearer token is not valid (signature, issuer, audience or expiry)",
                  INVALID_TOKEN_CHALLENGE));
    }
    Identity identity;
    try {
      identity = identityOf(jwt);
    } catch (ProblemException unreadableLimit) {
      return Future.failedFuture(unreadableLimit);
    }
    if (verified.size() >= CACHE_MAX_ENTRIES) {
      verified.clear(); // crude but bounded; a busy gateway re-verifies at most once a minute
    }
    verified.put(
        token,
        new Verified(identity, Math.min(identity.expiresAtMillis(), now + CACHE_MAX_MILLIS)));
    return Future.succeededFuture(new Authentication(identity, null));
  }

  /**
   * The identity a verified token names; a 401 {@link ProblemException} when a claim that limits it
   * cannot be read ({@link LimitingClaims}).
   */
  static Identity identityOf(JsonWebToken jwt) {
    String subject = jwt.getName() != null ? jwt.getName() : jwt.getSubject();
    Set<String> groups = jwt.getGroups() == null ? Set.of() : jwt.getGroups();
    Object apiKeyId = jwt.getClaim("api_key_id");
    return new Identity(
        subject == null ? "" : subject,
        groups,
        apiKeyId == null ? null : text(apiKeyId),
        LimitingClaims.scope(jwt),
        LimitingClaims.projects(jwt),
        jwt.getExpirationTime() * 1000);
  }

  private static String text(Object value) {
    return value instanceof JsonString s ? s.getString() : value.toString();
  }

  /**
   * Why a token was refused, for the debug log. Deliberately not the exception's message: jose4j
   * quotes the whole token in some of them.
   */
  static String reason(Throwable failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof InvalidJwtException invalid) {
        if (invalid.hasExpired()) {
          return "expired";
        }
        if (invalid.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
          return "signature does not verify";
        }
        if (invalid.hasErrorCode(ErrorCodes.AUDIENCE_INVALID)
            || invalid.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
          return "wrong audience";
        }
        if (invalid.hasErrorCode(ErrorCodes.ISSUER_INVALID)
            || invalid.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
          return "wrong issuer";
        }
        List<Integer> codes =
            invalid.getErrorDetails().stream().map(e -> e.getErrorCode()).toList();
        return "claims not valid (jose4j error codes " + codes + ")";
      }
    }
    return "not a JWT that verifies with the configured key ("
        + failure.getClass().getSimpleName()
        + ")";
  }

  public static ProblemException unauthorized(String detail, String challenge) {
    return new ProblemException(Kind.UNAUTHORIZED, detail, Map.of(WWW_AUTHENTICATE, challenge));
  }
}
