package io.tollgate.http;

import java.util.Locale;
import java.util.Map;

/**
 * The first check every router makes (ADR 0019): a request whose head, its target or its header
 * fields, Tollgate does not take, refused with a status and a reason a client can act on.
 *
 * <p>The HTTP codec underneath refuses heads over its own limits before any router runs, with a
 * bare 414 or 431 that has no body. Its limits are therefore set well above these (32 KiB for the
 * request line, 64 KiB for the header fields), so that a request this check refuses reaches it:
 * only a head larger than the codec's limit still gets the codec's bare answer.
 */
public final class RequestHeads {

  /** The longest request target (path and query) taken, as nginx and Apache take by default. */
  public static final int MAX_TARGET_LENGTH = 8_192;

  /**
   * The most header-field bytes the gateway takes from a client: what Quarkus takes by default,
   * enough for a large token and a few cookies.
   */
  public static final int MAX_HEADER_BYTES_AT_THE_GATEWAY = 20_480;

  /**
   * The most header-field bytes a service takes: more than the gateway passes on, so that nothing
   * it took is refused behind it. It adds its forwarding and request-id headers (~300 bytes) and,
   * for an API key, the token it mints in its place (up to ~7 KB for a key limited to 100 projects,
   * whose ids the token lists).
   */
  public static final int MAX_HEADER_BYTES_AT_A_SERVICE = 32_768;

  /** A refused request head: the status to answer with and why. */
  public record Refusal(int status, String detail) {}

  private RequestHeads() {}

  /**
   * Why a request head is refused, or {@code null} if it is taken: 414 for a target longer than
   * {@link #MAX_TARGET_LENGTH}, 431 for header fields over {@code maxHeaderBytes} (counted as on
   * the wire, {@code name: value} and a line end each), 400 for a target that is not a URI.
   */
  public static Refusal refusal(
      String target, Iterable<? extends Map.Entry<String, String>> headers, int maxHeaderBytes) {
    if (target != null && target.length() > MAX_TARGET_LENGTH) {
      return new Refusal(
          414,
          String.format(
              Locale.ROOT,
              "The request target (path and query) is %,d characters long; at most %,d are"
                  + " accepted",
              target.length(),
              MAX_TARGET_LENGTH));
    }
    int bytes = 0;
    String largest = null;
    int largestBytes = 0;
    for (Map.Entry<String, String> header : headers) {
      int size = header.getKey().length() + header.getValue().length() + 4;
      bytes += size;
      if (size > largestBytes) {
        largest = header.getKey();
        largestBytes = size;
      }
    }
    if (bytes > maxHeaderBytes) {
      return new Refusal(
          431,
          String.format(
              Locale.ROOT,
              "The request's header fields take %,d bytes; at most %,d are accepted (the"
                  + " largest, %s, takes %,d)",
              bytes,
              maxHeaderBytes,
              largest,
              largestBytes));
    }
    String invalid = RequestTargets.invalid(target);
    return invalid == null ? null : new Refusal(400, invalid);
  }
}
