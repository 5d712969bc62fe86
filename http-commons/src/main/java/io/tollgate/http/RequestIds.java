package io.tollgate.http;

import java.util.regex.Pattern;

/**
 * The {@code X-Request-Id} correlation header, as the gateway and every service read it: the
 * gateway gives each request one (keeping a caller's own when it is sane), and the services log
 * with it and quote it in their problems.
 */
public final class RequestIds {

  public static final String HEADER = "X-Request-Id";

  // Ids end up in logs; refuse anything that could smuggle in log lines or huge values.
  private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:@+=/-]{1,128}");

  private RequestIds() {}

  /** Whether {@code id} (possibly null) is one to keep. */
  public static boolean accepted(String id) {
    return id != null && ACCEPTED.matcher(id).matches();
  }
}
