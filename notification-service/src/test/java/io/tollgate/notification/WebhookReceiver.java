package io.tollgate.notification;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.IntUnaryOperator;

/**
 * A webhook receiver in the test JVM: a real HTTP server on a free port, one endpoint per test,
 * each answering as told and keeping every request it received.
 */
public final class WebhookReceiver {

  /** A request as it arrived. */
  public record Received(Map<String, List<String>> headers, byte[] body, long atMillis) {
    public String header(String name) {
      List<String> values = headers.get(name);
      return values == null ? null : values.get(0);
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** How an endpoint answers its n-th request (from 1): a status, after an optional delay. */
  public record Answer(int status, Duration delay, String body) {}

  private static WebhookReceiver shared;

  private final HttpServer server;
  private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
  private final Map<String, java.util.function.IntFunction<Answer>> answers =
      new ConcurrentHashMap<>();

  private WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  /** The one receiver of the test run. */
  public static synchronized WebhookReceiver get() {
    if (shared == null) {
      try {
        shared = new WebhookReceiver();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return shared;
  }

  /** A new endpoint answering {@code statusOfNth} to its n-th request; its URL. */
  public String endpoint(IntUnaryOperator statusOfNth) {
    return endpointAnswering(n -> new Answer(statusOfNth.applyAsInt(n), Duration.ZERO, "ok"));
  }

  public String endpointAnswering(java.util.function.IntFunction<Answer> answer) {
    String path = "/hook/" + UUID.randomUUID();
    received.put(path, new ArrayList<>());
    answers.put(path, answer);
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** What the endpoint at {@code url} received so far, in order. */
  public List<Received> received(String url) {
    List<Received> list = received.get(path(url));
    synchronized (list) {
      return List.copyOf(list);
    }
  }

  private static String path(String url) {
    return url.substring(url.indexOf("/hook/"));
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    byte[] body = exchange.getRequestBody().readAllBytes();
    List<Received> list = received.get(path);
    if (list == null) {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
      return;
    }
    int n;
    synchronized (list) {
      Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      headers.putAll(exchange.getRequestHeaders());
      list.add(new Received(headers, body, System.currentTimeMillis()));
      n = list.size();
    }
    Answer answer = answers.get(path).apply(n);
    try {
      Thread.sleep(answer.delay().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    byte[] out =
        answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
    try {
      exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream os = exchange.getResponseBody()) {
          os.write(out);
        }
      }
    } catch (IOException e) {
      // the sender gave up waiting (a timeout test)
    } finally {
      exchange.close();
    }
  }
}
