package io.tollgate.rest;

import jakarta.ws.rs.core.EntityTag;
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
   * Checks an {@code If-Match} header against the resource's current version.
   *
   * @throws ProblemException 428 when the header is missing, 412 when it names another version
   */
  public static void requireIfMatch(String ifMatch, long currentVersion) {
    if (ifMatch == null || ifMatch.isBlank()) {
      throw new ProblemException(
          ProblemType.PRECONDITION_REQUIRED,
          "send the ETag of the version you changed in an If-Match header");
    }
    String current = etag(currentVersion).getValue();
    boolean matches =
        Arrays.stream(ifMatch.split(","))
            .map(String::trim)
            .anyMatch(tag -> tag.equals("*") || unquote(tag).equals(current));
    if (!matches) {
      throw new ProblemException(
          ProblemType.PRECONDITION_FAILED,
          "If-Match "
              + ifMatch
              + " does not match the current version \""
              + current
              + "\"; read the resource again and retry");
    }
  }

  private static String unquote(String tag) {
    String t = tag.startsWith("W/") ? tag.substring(2) : tag;
    return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")
        ? t.substring(1, t.length() - 1)
        : t;
  }
}
