package io.tollgate.gateway.proxy;

import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.impl.ContextInternal;
import io.vertx.httpproxy.HttpProxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The upstream proxies, one set per event loop, each with its own connection pool.
 *
 * <p>Vert.x's pool hands a request any idle connection, whichever event loop that connection lives
 * on, and a connection on another loop costs a hand-off between threads (and a wake-up of the other
 * loop) at every step of the exchange: the request head, the response head, every body chunk. With
 * a pool per loop, a request and its upstream connection stay on the thread that read the request,
 * as nginx's workers keep their own upstream connections. A loop's pool is created on the first
 * request it forwards; its connections are opened from that loop, so they live on it.
 */
final class LoopLocalProxies {

  private final Supplier<HttpClient> newClient;
  private final Function<HttpClient, Map<String, HttpProxy>> newProxies;
  private final Map<Object, Map<String, HttpProxy>> byLoop = new ConcurrentHashMap<>();
  private final List<HttpClient> clients = new CopyOnWriteArrayList<>();

  /**
   * @param newClient a new HTTP client (a pool of its own)
   * @param newProxies the proxy of every upstream by name, all on the given client
   */
  LoopLocalProxies(
      Supplier<HttpClient> newClient, Function<HttpClient, Map<String, HttpProxy>> newProxies) {
    this.newClient = newClient;
    this.newProxies = newProxies;
  }

  /** The named upstream's proxy for the event loop this is called on. */
  HttpProxy proxy(String upstream) {
    Object loop = currentLoop();
    Map<String, HttpProxy> proxies = byLoop.get(loop);
    if (proxies == null) {
      proxies = byLoop.computeIfAbsent(loop, l -> create());
    }
    return proxies.get(upstream);
  }

  void close() {
    clients.forEach(HttpClient::close);
  }

  private Map<String, HttpProxy> create() {
    HttpClient client = newClient.get();
    clients.add(client);
    return Map.copyOf(newProxies.apply(client));
  }

  /** The Netty event loop behind the current Vert.x context; off a context, one shared key. */
  private static Object currentLoop() {
    Context context = Vertx.currentContext();
    if (context instanceof ContextInternal internal) {
      EventLoop loop = internal.nettyEventLoop();
      if (loop != null) {
        return loop;
      }
    }
    return LoopLocalProxies.class;
  }
}
