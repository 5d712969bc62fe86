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
    // RFC 9110 13.1.1: If-Match compares strongly, so a weak tag never matches
    boolean matches =
        Arrays.stream(ifMatch.split(","))
            .map(String::trim)
            .anyMatch(tag -> tag.equals("*") || (!isWeak(tag) && unquote(tag).equals(current)));
    if (!matches) {
      boolean onlyWeak =
          Arrays.stream(ifMatch.split(",")).map(String::trim).allMatch(Preconditions::isWeak);
      throw new ProblemException(
          ProblemType.PRECONDITION_FAILED,
          onlyWeak
              ? "If-Match "
                  + ifMatch
                  + " names only weak ETags, which never match an update's precondition; send"
                  + " the ETag \""
                  + current
                  + "\" as the resource gives it, without W/"
              : "If-Match "
                  + ifMatch
                  + " does not match the current version \""
                  + current
                  + "\"; read the resource again and retry");
    }
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
