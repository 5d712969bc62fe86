package io.tollgate.notification.service;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Which webhook URLs this service may call: public addresses only, unless private targets are
 * allowed. Checked when a subscription is made or changed, and again before every attempt, since
 * what a name resolves to can change.
 */
public final class WebhookTargets {

  private WebhookTargets() {}

  /**
   * Why {@code url} may not be called, or empty when it may.
   *
   * @param resolve whether to look the host name up (false: only a literal address is judged)
   */
  public static Optional<String> refusal(URI url, boolean allowPrivate, boolean resolve) {
    if (allowPrivate) {
      return Optional.empty();
    }
    String host = url.getHost();
    if (host == null) {
      return Optional.of("the URL names no host");
    }
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (!resolve && !literal(bare) && !bare.equalsIgnoreCase("localhost")) {
      return Optional.empty();
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(bare);
    } catch (UnknownHostException e) {
      return resolve ? Optional.of("its host " + host + " cannot be resolved") : Optional.empty();
    }
    for (InetAddress address : addresses) {
      if (internal(address)) {
        return Optional.of(
            "its host "
                + host
                + " is an internal address ("
                + address.getHostAddress()
                + "): webhooks reach public addresses only (tollgate.webhooks.allow-private-targets)");
      }
    }
    return Optional.empty();
  }

  /** Loopback, private, link-local, unspecified, multicast, shared (100.64/10) or unique local. */
  static boolean internal(InetAddress a) {
    if (a.isLoopbackAddress()
        || a.isSiteLocalAddress()
        || a.isLinkLocalAddress()
        || a.isAnyLocalAddress()
        || a.isMulticastAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      // 0/8 "this network", 100.64/10 carrier-grade NAT, 192.0.0/24 protocol assignments
      return first == 0
          || (first == 100 && second >= 64 && second < 128)
          || (first == 192 && second == 0 && (b[2] & 0xff) == 0);
    }
    if (a instanceof Inet6Address) {
      // fc00::/7 unique local; an IPv4-mapped address is judged as its IPv4 address
      if ((b[0] & 0xfe) == 0xfc) {
        return true;
      }
    }
    return false;
  }

  private static boolean literal(String host) {
    return host.contains(":") || host.matches("[0-9.]+");
  }
}
