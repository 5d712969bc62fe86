package io.tollgate.gateway.proxy;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/**
 * What a client is told when a service could not be reached: a reason in words, never the failure's
 * own text, which names the upstream's host, address and port (Netty's "Connection refused:
 * host/10.0.3.4:8083"). The proxy and the API document routes say it the same way; the log has the
 * full failure.
 */
public final class UpstreamFailures {

  private UpstreamFailures() {}

  /** Connect timeouts count as timeouts too: the upstream host did not answer in time. */
  public static boolean isTimeout(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException
          || t instanceof io.netty.channel.ConnectTimeoutException
          || t instanceof io.netty.handler.timeout.TimeoutException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** A short, address-free reason: {@code connection refused}, {@code host not found}, ... */
  public static String reason(Throwable failure) {
    if (isTimeout(failure)) {
      return "no answer in time";
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof UnknownHostException) {
        return "host not found";
      }
      if (t instanceof ConnectException) {
        return "connection refused";
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return "connection failed";
  }

  /** The detail of the problem that names the service and why it could not be used. */
  public static String detail(String service, Throwable failure) {
    return isTimeout(failure)
        ? service + " did not respond in time"
        : service + " is unavailable: " + reason(failure);
  }
}
