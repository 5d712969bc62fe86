package io.tollgate.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The check Quarkus makes of every request target before any route runs, with a reason a client can
 * act on instead of Quarkus's empty 400 (ADR 0019).
 *
 * <p>Quarkus refuses a target that {@link URI} cannot parse, such as a raw {@code |} in a query
 * (which browsers send unencoded) or a {@code %} that starts no escape, with an empty body. The
 * launcher turns that check off ({@code -Dvertx.disableURIValidation=true}), and the gateway's
 * routers and every service's ({@code RouterRefusals} in rest-conventions) make this one first
 * thing, so that the same requests are refused, as problems.
 */
public final class RequestTargets {

  private RequestTargets() {}

  /**
   * Why a raw request target (the path and query as sent) is not a URI, or {@code null} if it is
   * one.
   */
  public static String invalid(String target) {
    if (target == null) {
      return "The request has no target";
    }
    try {
      new URI(target);
      return null;
    } catch (URISyntaxException e) {
      return detail(target, e);
    }
  }

  private static String detail(String target, URISyntaxException e) {
    String reason = e.getReason();
    StringBuilder detail =
        new StringBuilder("The request target is not a valid URI: ")
            .append(reason.substring(0, 1).toLowerCase(Locale.ROOT))
            .append(reason.substring(1));
    int index = e.getIndex();
    if (index >= 0 && index < target.length()) {
      char c = target.charAt(index);
      detail.append(" at index ").append(index);
      if (c == '%') {
        detail.append(": '%' must be followed by two hexadecimal digits");
      } else if (c > ' ' && c < 0x7f) {
        detail.append(
            String.format(Locale.ROOT, ": '%c' must be percent-encoded as %%%02X", c, (int) c));
      }
    }
    return detail.toString();
  }
}
