package io.tollgate.gateway.proxy;

import io.tollgate.gateway.config.Upstream;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells the upstream who the client is ({@code Forwarded}, {@code X-Forwarded-*}) and makes the
 * upstream's answer read as the gateway's: hop-by-hop headers dropped and URLs that point at the
 * upstream ({@code Location}, {@code Content-Location}, the targets of {@code Link}, such as a
 * list's next page) rewritten to the gateway's own origin.
 */
final class ForwardingInterceptor implements ProxyInterceptor {

  static final String X_FORWARDED_FOR = "X-Forwarded-For";
  static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
  static final String X_FORWARDED_HOST = "X-Forwarded-Host";
  static final String X_FORWARDED_PORT = "X-Forwarded-Port";
  static final String FORWARDED = "Forwarded";
  private static final String LINK = "Link";
  private static final Pattern LINK_TARGET = Pattern.compile("<([^>]*)>");

  // RFC 9110 section 7.6.1; Transfer-Encoding is already handled by the proxy library.
  private static final List<String> HOP_BY_HOP =
      List.of(
          "Connection",
          "Keep-Alive",
          "Proxy-Connection",
          "Proxy-Authenticate",
          "Proxy-Authorization",
          "TE",
          "Trailer",
          "Upgrade");

  private final Upstream upstream;
  private final Set<String> traceFields;

  /**
   * @param traceFields the trace context headers the gateway's HTTP client writes itself (W3C
   *     {@code traceparent}, {@code tracestate} and {@code baggage} as configured), none when it
   *     does not trace
   */
  ForwardingInterceptor(Upstream upstream, Set<String> traceFields) {
    this.upstream = upstream;
    this.traceFields = traceFields;
  }

  @Override
  public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
    ProxyRequest request = context.request();
    HttpServerRequest incoming = request.proxiedRequest();
    // the client's Connection options are already gone (GatewayRouter): what has their names now
    // is the gateway's own, for the next hop
    MultiMap headers = request.headers();

    // An HTTP/2 request need not give its body's length: its frames end the body. The proxy sends
    // a body of unknown length on (chunked, to the upstream's HTTP/1.1) only when the request says
    // Transfer-Encoding: chunked, which no HTTP/2 request does, so such a body was dropped and
    // the write failed. What the library reads is said for it here; no header is forwarded.
    if (incoming.version() == HttpVersion.HTTP_2
        && request.getBody() != null
        && request.getBody().length() < 0
        && incoming.method() != HttpMethod.GET
        && incoming.method() != HttpMethod.HEAD) {
      incoming.headers().set(HttpHeaders.TRANSFER_ENCODING, HttpHeaders.CHUNKED);
    }

    // When the gateway traces, its HTTP client tells the service the gateway's own span, a child
    // of the request's, in the caller's trace (ADR 0023). Vert.x adds those headers beside the
    // ones the proxy copied rather than replacing them, and the service would read the caller's
    // first, as if the gateway were not there.
    traceFields.forEach(headers::remove);

    // An absolute-form request target must not reach the upstream as a foreign URL.
    if (!request.getURI().startsWith("/")) {
      String query = incoming.query();
      request.setURI(incoming.path() + (query == null ? "" : "?" + query));
    }

    // The hop that connected to us is appended to the chain; what came before it is the chain as
    // received, which only the upstream's own trust settings may believe.
    String client = peerAddress(incoming);
    // Scheme and authority as Quarkus resolved them: a trusted load balancer's X-Forwarded-Proto
    // and -Host when quarkus.http.proxy.* names it, else the connection's and its Host header. A
    // client's own X-Forwarded-Proto/-Host/-Port are never passed on as they came.
    String proto = incoming.scheme() == null ? "http" : incoming.scheme();
    HostAndPort authority = incoming.authority();
    String host = authority == null || authority.host().isEmpty() ? null : format(authority);

    String forwardedFor = String.join(", ", headers.getAll(X_FORWARDED_FOR));
    headers.set(X_FORWARDED_FOR, forwardedFor.isEmpty() ? client : forwardedFor + ", " + client);
    headers.set(X_FORWARDED_PROTO, proto);
    if (host == null) {
      headers.remove(X_FORWARDED_HOST);
      headers.remove(X_FORWARDED_PORT);
    } else {
      headers.set(X_FORWARDED_HOST, host);
      int port = authority.port() > 0 ? authority.port() : ("https".equals(proto) ? 443 : 80);
      headers.set(X_FORWARDED_PORT, Integer.toString(port));
    }
    StringBuilder element = new StringBuilder("for=").append(forwardedNode(client));
    if (host != null) {
      element.append(";host=").append(quoted(host));
    }
    element.append(";proto=").append(proto);
    String forwarded = String.join(", ", headers.getAll(FORWARDED));
    headers.set(FORWARDED, forwarded.isEmpty() ? element : forwarded + ", " + element);

    return context.sendRequest();
  }

  @Override
  public Future<Void> handleProxyResponse(ProxyContext context) {
    ProxyResponse response = context.response();
    MultiMap headers = response.headers();
    dropConnectionOptions(headers);
    if (response.getStatusCode() != 101) {
      HOP_BY_HOP.forEach(headers::remove);
    }
    HttpServerRequest incoming = context.request().proxiedRequest();
    for (String name : List.of(HttpHeaders.LOCATION.toString(), "Content-Location")) {
      String value = headers.get(name);
      if (value != null) {
        headers.set(name, toGateway(value, incoming));
      }
    }
    if (headers.contains(LINK)) {
      List<String> links = headers.getAll(LINK);
      headers.remove(LINK);
      for (String link : links) {
        // Link: <url>; rel="next", <url>; rel="prev" (RFC 8288): each target in angle brackets
        headers.add(
            LINK,
            LINK_TARGET
                .matcher(link)
                .replaceAll(
                    target ->
                        Matcher.quoteReplacement(
                            "<" + toGateway(target.group(1), incoming) + ">")));
      }
    }
    return context.sendResponse();
  }

  /**
   * The same path on the gateway when {@code value} is an absolute URL that names the upstream,
   * else {@code value} unchanged. Without an origin to name (an HTTP/1.0 request without {@code
   * Host}) it is a relative reference, path and query: the upstream's address is never shown.
   */
  private String toGateway(String value, HttpServerRequest incoming) {
    URI url;
    try {
      url = new URI(value);
    } catch (Exception e) {
      return value; // not ours to fix; pass it on unchanged
    }
    if (!upstream.isOrigin(url)) {
      return value;
    }
    String origin = externalOrigin(incoming);
    StringBuilder rewritten = new StringBuilder(origin == null ? "" : origin);
    rewritten.append(
        url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath());
    if (url.getRawQuery() != null) {
      rewritten.append('?').append(url.getRawQuery());
    }
    if (url.getRawFragment() != null) {
      rewritten.append('#').append(url.getRawFragment());
    }
    return rewritten.toString();
  }

  /**
   * The scheme and authority the client used to reach the gateway, e.g. https://api.example: as
   * Quarkus resolved them (from a trusted load balancer's forwarded headers, else the connection).
   */
  private static String externalOrigin(HttpServerRequest incoming) {
    HostAndPort authority = incoming.authority();
    if (authority == null || authority.host().isEmpty()) {
      return null;
    }
    String proto = incoming.scheme() == null ? "http" : incoming.scheme();
    return proto.toLowerCase(Locale.ROOT) + "://" + format(authority);
  }

  /**
   * Removes the headers a {@code Connection} header names, which are for this hop only (RFC 9110
   * section 7.6.1). Never {@code Host} and the fields that frame the body ({@code Content-Length},
   * {@code Transfer-Encoding}): they describe the message itself, which is forwarded as it came.
   */
  static void dropConnectionOptions(MultiMap headers) {
    for (String connection : headers.getAll(HttpHeaders.CONNECTION)) {
      for (String option : connection.split(",")) {
        String name = option.trim();
        if (!name.isEmpty() && !KEPT.contains(name.toLowerCase(Locale.ROOT))) {
          headers.remove(name);
        }
      }
    }
  }

  private static final Set<String> KEPT = Set.of("host", "content-length", "transfer-encoding");

  /** The address of the connection's other end (a load balancer's, when there is one). */
  private static String peerAddress(HttpServerRequest incoming) {
    SocketAddress remote =
        incoming.connection() == null
            ? incoming.remoteAddress()
            : incoming.connection().remoteAddress();
    return remote == null || remote.host() == null ? "unknown" : remote.host();
  }

  /** An RFC 7239 node: an IPv6 address is bracketed and quoted, an IPv4 one stays a token. */
  private static String forwardedNode(String client) {
    if (client.indexOf(':') >= 0) {
      return "\"[" + client + "]\"";
    }
    return client;
  }

  private static String quoted(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String format(HostAndPort authority) {
    return authority.port() > 0 ? authority.host() + ":" + authority.port() : authority.host();
  }
}
