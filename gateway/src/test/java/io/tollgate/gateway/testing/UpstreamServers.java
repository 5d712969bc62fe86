package io.tollgate.gateway.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Real upstream HTTP servers for the gateway tests, one per service, on random ports.
 *
 * <p>Every behaviour is chosen by the request (path keyword, query, {@code X-Echo-*} headers) and
 * everything the upstream saw comes back in the response, so tests need no shared state with it:
 *
 * <ul>
 *   <li>default: echoes service, method, uri, path, query, headers, body (length, SHA-256) and the
 *       gateway-side address of the connection; {@code X-Echo-Status} sets the status, {@code
 *       X-Echo-Location} a Location, each {@code X-Echo-Link} a Link, {@code X-Echo-Problem}
 *       answers a 412 problem+json instead
 *   <li>{@code .../slow?delayMs=N}: answers after N ms
 *   <li>{@code .../hangup}: closes the connection without answering
 *   <li>{@code .../stream?bytes=N[&hold=T]}: streams N pattern bytes; with hold, sends the first 64
 *       KiB and the rest only after {@code .../_release?token=T}; {@code /_closed?token=T}, called
 *       directly, counts the held answers whose connection closed before they ended
 *   <li>{@code .../upload?token=T}: counts body bytes as they arrive ({@code .../_received?token=T}
 *       reports the count so far) and answers with length and SHA-256
 *   <li>{@code .../limited}: answers 413 once more than 64 KiB of body has arrived, as a service's
 *       body limit does
 *   <li>{@code .../websocket}: accepts a WebSocket upgrade (a request with {@code Upgrade:
 *       websocket}: 101, then echoes each message) and counts it; {@code GET /_upgraded?path=P},
 *       called directly, answers {@code {"count": n}}. A request without that header is echoed.
 * </ul>
 *
 * <p>A fifth service, {@code dead-service}, routes {@code /api/v1/test-dead} to a closed port. A
 * sixth, {@code flaky-service} ({@code /api/v1/test-flaky}), echoes until its {@code
 * /_mode?fail=true} is called directly, then drops every connection until {@code
 * /_mode?fail=false}.
 *
 * <p>Every upstream counts the requests it received per path; {@code GET /_seen?path=P}, called on
 * the upstream directly (not through the gateway), answers {@code {"count": n}}, so a test can
 * prove that a request the gateway refused never reached a service.
 *
 * <p>It also sets the gateway's test limits: a 2 MiB body limit, at most 8 connections to one
 * upstream and a circuit breaker that opens after 5 failures for 3 s.
 */
public class UpstreamServers implements QuarkusTestResourceLifecycleManager {

  public static final List<String> SERVICES =
      List.of(
          "project-service",
          "milestone-service",
          "risk-service",
          "notification-service",
          "flaky-service");
  public static final String MAX_BODY_SIZE = "2M";
  public static final int POOL_MAX_SIZE = 8;
  public static final int BREAKER_THRESHOLD = 5;
  // generous: a loaded CI machine must not let it pass between two consecutive requests
  public static final long OPEN_DURATION_MILLIS = 3000;
  public static final int HELD_PREFIX = 64 * 1024;
  public static final String ETAG = "\"echo-1\"";

  private final Map<String, Promise<Void>> holds = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> received = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> seen = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> closedHolds = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> upgraded = new ConcurrentHashMap<>();
  private final AtomicBoolean flakyFails = new AtomicBoolean();
  private Vertx vertx;

  @Override
  public Map<String, String> start() {
    vertx = Vertx.vertx();
    Map<String, String> config = new HashMap<>();
    for (String service : SERVICES) {
      // the HTTP codec's limits the services run with (rest-conventions), not Vert.x's defaults
      HttpServer server =
          vertx
              .createHttpServer(
                  new HttpServerOptions()
                      .setMaxInitialLineLength(32 * 1024)
                      .setMaxHeaderSize(64 * 1024))
              .requestHandler(req -> handle(service, req))
              .listen(0, "127.0.0.1")
              .toCompletionStage()
              .toCompletableFuture()
              .join();
      config.put("gateway.upstream." + service, "http://127.0.0.1:" + server.actualPort());
    }
    config.put("gateway.upstream.dead-service", "http://127.0.0.1:" + closedPort());
    config.put("gateway.routes.dead-service", "/api/v1/test-dead");
    config.put("gateway.routes.flaky-service", "/api/v1/test-flaky");
    config.put("gateway.timeout", "2s");
    config.put("gateway.connect-timeout", "2s");
    config.put("gateway.max-body-size", MAX_BODY_SIZE);
    config.put("gateway.pool.max-size", Integer.toString(POOL_MAX_SIZE));
    // the pool is shared out between the event loops (ADR 0007), whose number Quarkus derives from
    // the machine's cores; fixed, so that the pool tests count the same connections on any machine
    config.put("quarkus.vertx.event-loops-pool-size", "4");
    config.put("gateway.circuit-breaker.failure-threshold", Integer.toString(BREAKER_THRESHOLD));
    config.put("gateway.circuit-breaker.open-duration", OPEN_DURATION_MILLIS + "ms");
    return config;
  }

  @Override
  public void stop() {
    if (vertx != null) {
      vertx
          .close()
          .toCompletionStage()
          .toCompletableFuture()
          .orTimeout(10, TimeUnit.SECONDS)
          .join();
    }
  }

  private void handle(String service, HttpServerRequest req) {
    String path = req.path();
    if (path.equals("/_seen")) {
      AtomicLong count = seen.get(req.getParam("path"));
      json(req.response(), new JsonObject().put("count", count == null ? 0 : count.get()));
      return;
    }
    if (path.equals("/_closed")) {
      AtomicLong count = closedHolds.get(req.getParam("token"));
      json(req.response(), new JsonObject().put("count", count == null ? 0 : count.get()));
      return;
    }
    if (path.equals("/_upgraded")) {
      AtomicLong count = upgraded.get(req.getParam("path"));
      json(req.response(), new JsonObject().put("count", count == null ? 0 : count.get()));
      return;
    }
    if (path.equals("/_mode")) {
      flakyFails.set(Boolean.parseBoolean(req.getParam("fail")));
      req.response().setStatusCode(204).end();
      return;
    }
    if (path.equals("/q/openapi")) {
      json(req.response(), openApi(service));
      return;
    }
    seen.computeIfAbsent(path, p -> new AtomicLong()).incrementAndGet();
    if (service.equals("flaky-service") && flakyFails.get()) {
      req.connection().close();
    } else if (path.endsWith("/slow")) {
      long delay = Long.parseLong(req.getParam("delayMs", "0"));
      req.body().onSuccess(body -> vertx.setTimer(delay, id -> respondEcho(service, req, body)));
    } else if (path.endsWith("/hangup")) {
      req.connection().close();
    } else if (path.endsWith("/stream")) {
      stream(req);
    } else if (path.endsWith("/_release")) {
      holds.computeIfAbsent(req.getParam("token"), t -> Promise.promise()).tryComplete();
      req.response().setStatusCode(204).end();
    } else if (path.endsWith("/_received")) {
      AtomicLong count = received.get(req.getParam("token"));
      json(req.response(), new JsonObject().put("bytes", count == null ? 0 : count.get()));
    } else if (path.endsWith("/upload")) {
      upload(req);
    } else if (path.endsWith("/limited")) {
      limited(req);
    } else if (path.endsWith("/websocket") && asksForWebSocket(req)) {
      req.toWebSocket()
          .onSuccess(
              socket -> {
                upgraded.computeIfAbsent(path, p -> new AtomicLong()).incrementAndGet();
                socket.handler(socket::write);
              });
    } else {
      echo(service, req);
    }
  }

  /**
   * A small OpenAPI document per service: one operation under its route, one under a path the
   * gateway routes elsewhere, a {@code Problem} schema alike in every service and an {@code Item}
   * schema that differs. notification-service's is one the merge cannot read: a member of an
   * operation's responses that is not a response, as SmallRye wrote a method's extension there.
   */
  private static JsonObject openApi(String service) {
    String prefix =
        switch (service) {
          case "project-service" -> "/api/v1/projects";
          case "milestone-service" -> "/api/v1/milestones";
          case "risk-service" -> "/api/v1/risks";
          case "notification-service" -> "/api/v1/notifications";
          default -> "/api/v1/test-flaky";
        };
    JsonObject operation =
        new JsonObject()
            .put("tags", new JsonArray().add(service))
            .put(
                "responses",
                new JsonObject()
                    .put("200", response("#/components/schemas/Item"))
                    .put("400", response("#/components/schemas/Problem"))
                    // as rest-conventions' CommonProblemResponses documents on every operation
                    .put(
                        "503",
                        new JsonObject()
                            .put(
                                "description",
                                "The database cannot be reached just now; Retry-After says when"
                                    + " to try again")
                            .put(
                                "content",
                                new JsonObject()
                                    .put("application/problem+json", new JsonObject()))));
    if (service.equals("notification-service")) {
      operation.getJsonObject("responses").put("x-marker", "true");
    }
    return new JsonObject()
        .put("openapi", "3.1.0")
        .put("info", new JsonObject().put("title", service).put("version", "v1"))
        .put("tags", new JsonArray().add(new JsonObject().put("name", service)))
        .put(
            "paths",
            new JsonObject()
                .put(prefix, new JsonObject().put("get", operation))
                .put("/api/v1/not-routed-here", new JsonObject().put("get", operation.copy())))
        .put(
            "components",
            new JsonObject()
                .put(
                    "schemas",
                    new JsonObject()
                        .put("Problem", new JsonObject().put("type", "object"))
                        .put(
                            "Item",
                            new JsonObject()
                                .put("type", "object")
                                .put(
                                    "properties",
                                    new JsonObject()
                                        .put("service", new JsonObject().put("const", service))))));
  }

  private static JsonObject response(String ref) {
    return new JsonObject()
        .put("description", "answer")
        .put(
            "content",
            new JsonObject()
                .put(
                    "application/json",
                    new JsonObject().put("schema", new JsonObject().put("$ref", ref))));
  }

  private void echo(String service, HttpServerRequest req) {
    req.body().onSuccess(body -> respondEcho(service, req, body));
  }

  private void respondEcho(String service, HttpServerRequest req, Buffer body) {
    HttpServerResponse response = req.response();
    if (response.closed()) {
      return; // the gateway gave up waiting, as it should
    }
    response.putHeader("ETag", ETAG);
    response.headers().add("X-Multi", "a").add("X-Multi", "b");
    String cacheControl = req.getHeader("X-Echo-Cache-Control");
    if (cacheControl != null) {
      response.putHeader("Cache-Control", cacheControl);
    }
    String location = req.getHeader("X-Echo-Location");
    if (location != null) {
      response.putHeader("Location", location);
    }
    req.headers().getAll("X-Echo-Link").forEach(link -> response.headers().add("Link", link));
    if (req.getHeader("X-Echo-Problem") != null) {
      response
          .setStatusCode(412)
          .putHeader("Content-Type", "application/problem+json")
          .end(preconditionProblem(req));
      return;
    }
    String status = req.getHeader("X-Echo-Status");
    response.setStatusCode(status == null ? 200 : Integer.parseInt(status));
    if (response.getStatusCode() == 204) {
      response.end();
      return;
    }
    JsonObject headers = new JsonObject();
    req.headers()
        .names()
        .forEach(
            name -> headers.put(name.toLowerCase(), new JsonArray(req.headers().getAll(name))));
    json(
        response,
        new JsonObject()
            .put("service", service)
            .put("method", req.method().name())
            .put("uri", req.uri())
            .put("path", req.path())
            .put("query", req.query())
            .put("headers", headers)
            .put("body", body.toString())
            .put("bodyLength", body.length())
            .put("bodySha256", sha256(body.getBytes()))
            .put("connection", req.remoteAddress().toString()));
  }

  private static boolean asksForWebSocket(HttpServerRequest req) {
    return req.headers().getAll("Upgrade").stream()
        .anyMatch(value -> value.toLowerCase(Locale.ROOT).contains("websocket"));
  }

  /**
   * How many WebSocket upgrades of {@code path} the upstream at {@code baseUrl} has accepted (each
   * answered 101, its connection then a WebSocket).
   */
  public static long upgraded(URI baseUrl, String path) {
    return JsonPath.from(direct(baseUrl, "/_upgraded?path=" + path)).getLong("count");
  }

  /** How many requests for {@code path} the upstream at {@code baseUrl} has received. */
  public static long seen(URI baseUrl, String path) {
    return JsonPath.from(direct(baseUrl, "/_seen?path=" + path)).getLong("count");
  }

  /**
   * How many answers held under {@code token} by the upstream at {@code baseUrl} lost their
   * connection before they ended (the gateway reset its request to the upstream).
   */
  public static long closedWhileHeld(URI baseUrl, String token) {
    return JsonPath.from(direct(baseUrl, "/_closed?token=" + token)).getLong("count");
  }

  /** Makes {@code flaky-service} drop every connection ({@code true}) or answer again. */
  public static void flakyFails(URI flakyBaseUrl, boolean fail) {
    direct(flakyBaseUrl, "/_mode?fail=" + fail);
  }

  private static String direct(URI baseUrl, String pathAndQuery) {
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(baseUrl.resolve(pathAndQuery)).build(),
                  HttpResponse.BodyHandlers.ofString());
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The precondition problem a service would send; its detail quotes the If-Match it saw. */
  public static String preconditionProblem(String ifMatch, String path) {
    return new JsonObject()
        .put("type", "https://tollgate.io/problems/precondition-failed")
        .put("title", "Resource was modified")
        .put("status", 412)
        .put("detail", "If-Match " + ifMatch + " is stale")
        .put("instance", path)
        .encode();
  }

  private static String preconditionProblem(HttpServerRequest req) {
    return preconditionProblem(req.getHeader("If-Match"), req.path());
  }

  private void stream(HttpServerRequest req) {
    long total = Long.parseLong(req.getParam("bytes", "0"));
    String hold = req.getParam("hold");
    HttpServerResponse response = req.response();
    response.setChunked(true).putHeader("Content-Type", "application/octet-stream");
    if (hold == null) {
      writePattern(response, 0, total, response::end);
    } else {
      Promise<Void> released = holds.computeIfAbsent(hold, t -> Promise.promise());
      response.closeHandler(
          v -> closedHolds.computeIfAbsent(hold, t -> new AtomicLong()).incrementAndGet());
      writePattern(
          response,
          0,
          Math.min(HELD_PREFIX, total),
          () ->
              released
                  .future()
                  .onSuccess(v -> writePattern(response, HELD_PREFIX, total, response::end)));
    }
  }

  /** Writes pattern bytes [from, to) with back-pressure, then runs {@code done}. */
  private void writePattern(HttpServerResponse response, long from, long to, Runnable done) {
    long position = from;
    while (position < to) {
      if (response.writeQueueFull()) {
        long resumeAt = position;
        response.drainHandler(v -> writePattern(response, resumeAt, to, done));
        return;
      }
      int size = (int) Math.min(16 * 1024, to - position);
      response.write(Buffer.buffer(pattern(position, size)));
      position += size;
    }
    done.run();
  }

  private void upload(HttpServerRequest req) {
    AtomicLong count =
        received.computeIfAbsent(req.getParam("token", "anonymous"), t -> new AtomicLong());
    MessageDigest digest = sha256();
    req.handler(
        chunk -> {
          digest.update(chunk.getBytes());
          count.addAndGet(chunk.length());
        });
    req.endHandler(
        v ->
            json(
                req.response(),
                new JsonObject()
                    .put("bytes", count.get())
                    .put("sha256", HexFormat.of().formatHex(digest.digest()))));
  }

  /**
   * A service's body limit (64 KiB here): once more has arrived, a 413 problem; the rest of the
   * body is read and dropped.
   */
  private static void limited(HttpServerRequest req) {
    AtomicLong count = new AtomicLong();
    req.handler(
        chunk -> {
          if (count.addAndGet(chunk.length()) > 64 * 1024 && !req.response().headWritten()) {
            req.response()
                .setStatusCode(413)
                .putHeader("Content-Type", "application/problem+json")
                .end("{\"status\":413,\"detail\":\"the body is larger than 65536 bytes\"}");
          }
        });
    req.endHandler(
        v -> {
          if (!req.response().headWritten()) {
            json(req.response(), new JsonObject().put("bytes", count.get()));
          }
        });
  }

  private static void json(HttpServerResponse response, JsonObject body) {
    response.putHeader("Content-Type", "application/json").end(body.encode());
  }

  /** The deterministic bytes {@code stream} sends, from a given offset. */
  public static byte[] pattern(long offset, int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) ((offset + i) * 31 + 7);
    }
    return bytes;
  }

  public static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
