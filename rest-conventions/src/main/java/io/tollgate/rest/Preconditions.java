package io.tollgate.rest;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Arrays;

/**
 * ETags and the {@code If-Match} rule: every update names the version it was based on, so that a
 * stale write answers 412 instead of silently overwriting someone else's change.
 */
public final class Preconditions {

  private Preconditions() {}

  /** The strong ETag of a resource at {@code version}. */
  public static EntityTag etag(long version) {
    return new EntityTag(Long.toString(version));
  }

  /**
   * Checks an update's preconditions against the resource's current version, in the order of RFC
   * 9110 13.2.2: {@code If-Match} first, then the request's {@code If-None-Match}, which must not
   * name the current version ({@code *} names any).
   *
   * @throws ProblemException 428 when If-Match is missing, 412 when it names another version or
   *     If-None-Match names this one
   */
  public static void requireIfMatch(String ifMatch, long currentVersion) {
    if (ifMatch == null || ifMatch.isBlank()) {
      throw new ProblemException(
          ProblemType.PRECONDITION_REQUIRED,
          "send the ETag of the version you changed in an If-Match header");
    }
    String current = etag(currentVersion).getValue();
    ProblemException failed = ifMatchFails(ifMatch, current, "read the resource again and retry");
    if (failed != null) {
      throw failed;
    }
    String ifNoneMatch = currentRequestHeader(HttpHeaders.IF_NONE_MATCH);
    if (ifNoneMatch != null && ConditionalGet.anyMatches(ifNoneMatch, "\"" + current + "\"")) {
      throw new ProblemException(
          ProblemType.PRECONDITION_FAILED,
          "If-None-Match "
              + ifNoneMatch
              + " names the current version \""
              + current
              + "\", so the change is not made");
    }
  }

  /**
   * The 412 for an {@code If-Match} that does not name {@code current} (an opaque tag, without
   * quotes), or {@code null} when it does. RFC 9110 13.1.1: it compares strongly, so a weak tag
   * never matches; {@code *} matches any version.
   *
   * @param then what the client should do about it
   */
  static ProblemException ifMatchFails(String ifMatch, String current, String then) {
    boolean matches =
        Arrays.stream(ifMatch.split(","))
            .map(String::trim)
            .anyMatch(tag -> tag.equals("*") || (!isWeak(tag) && unquote(tag).equals(current)));
    if (matches) {
      return null;
    }
    boolean onlyWeak =
        Arrays.stream(ifMatch.split(",")).map(String::trim).allMatch(Preconditions::isWeak);
    return new ProblemException(
        ProblemType.PRECONDITION_FAILED,
        onlyWeak
            ? "If-Match "
                + ifMatch
                + " names only weak ETags, which never match an If-Match precondition; send"
                + " the ETag \""
                + current
                + "\" as the resource gives it, without W/"
            : "If-Match "
                + ifMatch
                + " does not match the current version \""
                + current
                + "\"; "
                + then);
  }

  /**
   * A header of the request being served, or {@code null} outside one (a unit test, a job): the
   * services pass If-Match to {@link #requireIfMatch} themselves, and the If-None-Match beside it
   * is read here so that every update honours it without a parameter of its own.
   */
  private static String currentRequestHeader(String name) {
    ArcContainer arc = Arc.container();
    if (arc == null || !arc.requestContext().isActive()) {
      return null;
    }
    RoutingContext request = arc.instance(CurrentVertxRequest.class).get().getCurrent();
    return request == null ? null : request.request().getHeader(name);
  }

  private static boolean isWeak(String tag) {
    return tag.startsWith("W/");
  }

  private static String unquote(String tag) {
    return tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")
        ? tag.substring(1, tag.length() - 1)
        : tag;
  }
}
