package io.tollgate.gateway.security;

import io.netty.util.NetUtil;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * The client address a request's rate limit is keyed by (ADR 0014): the connection's, or behind
 * trusted proxies the rightmost {@code X-Forwarded-For} entry that is not one of them.
 *
 * <p>Not Quarkus's resolved {@code remoteAddress()}: it takes the <em>leftmost</em> entry, which
 * the client writes itself whenever the load balancer appends to the header (nginx's {@code
 * $proxy_add_x_forwarded_for}, AWS ALB), so a client could pick a fresh bucket per request or empty
 * another's. The entries a trusted proxy appended are the ones that can be believed, read from the
 * right. The trusted proxies are Quarkus's own ({@code quarkus.http.proxy.trusted-proxies}), as
 * addresses and CIDR ranges; a host name there is never matched, and an entry with a port only
 * matches the connection.
 */
// a singleton, so that a configuration it cannot follow is warned about at start, not on first use
@Singleton
public class ClientAddresses {

  private static final Logger LOG = Logger.getLogger(ClientAddresses.class);
  private static final String PROXY = "quarkus.http.proxy.";

  private final List<Trusted> trusted;

  @Inject
  ClientAddresses(Config config) {
    this(believed(config), config.getOptionalValues(PROXY + "trusted-proxies", String.class));
  }

  ClientAddresses(boolean believeForwardedFor, Optional<List<String>> trustedProxies) {
    List<Trusted> parsed = new ArrayList<>();
    if (believeForwardedFor) {
      List<String> named = trustedProxies.orElse(List.of());
      for (String proxy : named) {
        Trusted one = Trusted.parse(proxy.trim());
        if (one == null) {
          LOG.warnf(
              "Trusted proxy '%s' is not an address or CIDR range: the rate limit never takes a"
                  + " client address from X-Forwarded-For behind it",
              proxy);
        } else {
          parsed.add(one);
        }
      }
      if (named.isEmpty()) {
        // Quarkus would then believe anyone's X-Forwarded-For; the rate limit must not
        LOG.warn(
            "Forwarded headers are believed from every address (no"
                + " quarkus.http.proxy.trusted-proxies): the rate limit keys callers by the"
                + " connection's address, never by X-Forwarded-For");
      }
    }
    this.trusted = List.copyOf(parsed);
  }

  /** Whether Quarkus is told to take {@code X-Forwarded-For} from trusted proxies at all. */
  private static boolean believed(Config config) {
    boolean forwarding =
        config.getOptionalValue(PROXY + "proxy-address-forwarding", Boolean.class).orElse(false);
    boolean forwarded =
        config.getOptionalValue(PROXY + "allow-forwarded", Boolean.class).orElse(false);
    // Quarkus's own default: X-Forwarded-* unless the standard Forwarded header is allowed
    boolean xForwarded =
        config.getOptionalValue(PROXY + "allow-x-forwarded", Boolean.class).orElse(!forwarded);
    if (forwarding && !xForwarded) {
      LOG.warn(
          "quarkus.http.proxy.allow-x-forwarded is off: the rate limit keys callers by the"
              + " connection's address (it reads X-Forwarded-For, not Forwarded)");
    }
    return forwarding && xForwarded;
  }

  /** The address that {@code request}'s per-address rate limit is keyed by. */
  public String of(HttpServerRequest request) {
    // the connection's own peer: Quarkus's request.remoteAddress() is already "resolved"
    SocketAddress peer =
        request.connection() == null
            ? request.remoteAddress()
            : request.connection().remoteAddress();
    if (peer == null || peer.hostAddress() == null) {
      return "unknown";
    }
    if (trusted.isEmpty()) {
      return peer.hostAddress();
    }
    return of(peer.hostAddress(), peer.port(), request.headers().getAll("X-Forwarded-For"));
  }

  /**
   * The client behind {@code peer}: itself unless it is a trusted proxy, else the rightmost entry
   * of the chain (every {@code X-Forwarded-For} field, in order) that is not a trusted proxy.
   */
  String of(String peer, int peerPort, List<String> forwardedFor) {
    InetAddress peerAddress = address(peer);
    if (peerAddress == null) {
      return peer;
    }
    String furthest = peerAddress.getHostAddress();
    if (trusted.stream().noneMatch(t -> t.matches(peerAddress, peerPort))) {
      return furthest;
    }
    List<String> chain = new ArrayList<>();
    forwardedFor.forEach(field -> chain.addAll(List.of(field.split(","))));
    for (int i = chain.size() - 1; i >= 0; i--) {
      InetAddress address = address(host(chain.get(i).trim()));
      if (address == null) {
        // no proxy writes that: the trusted hop that passed it on is the client as far as we know
        return furthest;
      }
      furthest = address.getHostAddress();
      if (trusted.stream().noneMatch(t -> t.matches(address, -1))) {
        return furthest;
      }
    }
    return furthest; // trusted proxies all the way: the one furthest away is all we know
  }

  /** An entry without its port: {@code 203.0.113.7:4711} and {@code [2001:db8::1]:4711} too. */
  private static String host(String entry) {
    if (entry.startsWith("[")) {
      int end = entry.indexOf(']');
      return end < 0 ? entry : entry.substring(1, end);
    }
    int colon = entry.indexOf(':');
    return colon > 0 && colon == entry.lastIndexOf(':') ? entry.substring(0, colon) : entry;
  }

  /** The address an IP literal names, or null for anything else; never a DNS lookup. */
  private static InetAddress address(String literal) {
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(literal);
    if (bytes == null) {
      return null;
    }
    try {
      return InetAddress.getByAddress(bytes); // an IPv4-mapped IPv6 address comes back as IPv4
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** One trusted proxy: an address (with a port that only the connection can match) or a range. */
  private record Trusted(byte[] network, int prefixBits, int port) {

    static Trusted parse(String proxy) {
      String name = "localhost".equals(proxy) ? "127.0.0.1" : proxy; // as Quarkus reads it
      int slash = name.indexOf('/');
      if (slash > 0) {
        InetAddress network = address(name.substring(0, slash));
        try {
          int bits = Integer.parseInt(name.substring(slash + 1));
          if (network != null && bits >= 0 && bits <= network.getAddress().length * 8) {
            return new Trusted(network.getAddress(), bits, -1);
          }
        } catch (NumberFormatException e) {
          return null;
        }
        return null;
      }
      int port = -1;
      String host = name;
      int colon = name.lastIndexOf(':');
      boolean bracketed = name.startsWith("[");
      if (bracketed ? colon > name.indexOf(']') : colon > 0 && colon == name.indexOf(':')) {
        try {
          port = Integer.parseInt(name.substring(colon + 1));
        } catch (NumberFormatException e) {
          return null;
        }
        host = name.substring(0, colon);
      }
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      InetAddress address = address(host);
      return address == null
          ? null
          : new Trusted(address.getAddress(), address.getAddress().length * 8, port);
    }

    /** {@code port} is the connection's, or -1 for a chain entry (which has none to check). */
    boolean matches(InetAddress candidate, int port) {
      if (this.port > 0 && this.port != port) {
        return false;
      }
      byte[] bytes = candidate.getAddress();
      if (bytes.length != network.length) {
        return false; // an IPv4 range never matches IPv6, as in Quarkus
      }
      int whole = prefixBits / 8;
      for (int i = 0; i < whole; i++) {
        if (bytes[i] != network[i]) {
          return false;
        }
      }
      int rest = prefixBits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xFF << (8 - rest)) & 0xFF;
      return (bytes[whole] & mask) == (network[whole] & mask);
    }
  }
}
