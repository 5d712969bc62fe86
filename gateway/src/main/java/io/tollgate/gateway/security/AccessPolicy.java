package io.tollgate.gateway.security;

import io.tollgate.gateway.http.ProblemException;
import io.tollgate.gateway.http.Problems.Kind;
import io.vertx.core.http.HttpMethod;
import java.util.Locale;
import java.util.Map;

/**
 * What a limited credential may do, checked at the gateway before anything is proxied (the services
 * check the same claims again): a READ_ONLY credential only reads, and a credential limited to some
 * projects sees no other project under {@code /api/v1/projects/{id}}.
 */
public final class AccessPolicy {

  private static final String PROJECTS = "/api/v1/projects/";

  private AccessPolicy() {}

  /**
   * Throws the problem the request must be answered with, if any.
   *
   * @param path the normalized request path
   */
  public static void check(Identity identity, HttpMethod method, String path) {
    if (identity.projects() != null && path.startsWith(PROJECTS)) {
      int end = path.indexOf('/', PROJECTS.length());
      String id = path.substring(PROJECTS.length(), end < 0 ? path.length() : end);
      // ids are compared in canonical lower-case form; another spelling of an id is not it
      if (!id.isEmpty() && !identity.projects().contains(id.toLowerCase(Locale.ROOT))) {
        // 404, not 403: a limited credential must not learn which other projects exist
        throw new ProblemException(Kind.NOT_FOUND, "No project " + id);
      }
    }
    if (identity.scope() == Identity.AccessScope.READ_ONLY
        && method != HttpMethod.GET
        && method != HttpMethod.HEAD) {
      throw new ProblemException(
          Kind.FORBIDDEN,
          "this credential is read-only: " + method.name() + " is not allowed",
          Map.of(
              Authenticator.WWW_AUTHENTICATE,
              Authenticator.CHALLENGE + ", error=\"insufficient_scope\""));
    }
  }
}
