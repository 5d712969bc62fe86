package io.tollgate.system;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.tollgate.runtime.DevTokens;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole platform as a user runs it: {@code ./tollgate up -d} on free ports, a project created
 * through the gateway, its event reaching every other service's read model, and {@code ./tollgate
 * down}.
 */
@org.junit.jupiter.api.Order(1)
class PlatformTest {

  /**
   * The platform's work folders under target/ (a space in it, as in a checkout path with one);
   * LogSecretsTest scans the logs in them.
   */
  static final String WORK_PREFIX = "tollgate work-";

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Map<String, String> ENV = new LinkedHashMap<>();
  private static final List<String> SERVICES =
      List.of(
          "project-service",
          "milestone-service",
          "risk-service",
          "notification-service",
          "gateway");
  private static Path work;
  private static String upOutput;

  @BeforeAll
  static void up() throws Exception {
    // a space in the path and a path relative to where the launcher runs (the repository root),
    // as a user may have: the start-up archives below it are passed to every JVM
    forgetEarlierRuns(Path.of("target").toAbsolutePath());
    work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), WORK_PREFIX);
    ENV.put("TOLLGATE_WORK", ROOT.toAbsolutePath().relativize(work).toString());
    // the archives' folder and the JDK may be given so too: the launcher starts the services from
    // inside its work folder, where a relative path would name nothing
    ENV.put(
        "TOLLGATE_ARCHIVES", ROOT.toAbsolutePath().relativize(work.resolve("archives")).toString());
    ENV.put(
        "TOLLGATE_JAVA_HOME",
        ROOT.toAbsolutePath().relativize(Path.of(System.getProperty("java.home"))).toString());
    // a terminal, `watch` or a CI runner may export the width of its window: ps cut the services'
    // command lines to it, and the launcher took them for exited (up failed, down left them
    // running)
    ENV.put("COLUMNS", "80");
    // the platform this build packaged, never a build of the launcher's own inside the test (in a
    // checkout being edited, its sources may be newer than what the build packaged)
    ENV.put("TOLLGATE_REBUILD", "off");
    freshPorts();
    // as a deployment would run them: logs as JSON (checked below)
    ENV.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");
    Result up = tollgate(Duration.ofMinutes(4), "up", "--detach");
    upOutput = up.output();
    assertEquals(0, up.exit(), "./tollgate up failed:\n" + up.output());
  }

  /**
   * Deletes the work folders earlier runs left (each kept for its logs, at 0.5-1 GB with its data
   * and archives), so that a developer's repeated builds do not fill the disk; the last run's stays
   * until the next one. A run cut short (Ctrl-C, a surefire timeout) may have left its platforms
   * running: they are stopped first, while their pid files still say which processes are theirs.
   */
  private static void forgetEarlierRuns(Path target) throws IOException, InterruptedException {
    if (!Files.isDirectory(target)) {
      return;
    }
    try (var earlier = Files.newDirectoryStream(target, WORK_PREFIX + "*")) {
      for (Path folder : earlier) {
        List<Path> platforms = new ArrayList<>(List.of(folder));
        try (var sides = Files.list(folder)) {
          sides.filter(side -> Files.isDirectory(side.resolve("pids"))).forEach(platforms::add);
        }
        for (Path platform : platforms) {
          if (Files.isDirectory(platform.resolve("pids"))) {
            ProcessBuilder down =
                new ProcessBuilder("bash", ROOT.resolve("tollgate").toString(), "down")
                    .directory(ROOT.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            down.environment().put("TOLLGATE_WORK", platform.toString());
            Process process = down.start();
            if (!process.waitFor(4, TimeUnit.MINUTES)) {
              process.destroy();
            }
          }
        }
        try (var tree = Files.walk(folder)) {
          tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  @AfterAll
  static void down() throws Exception {
    if (work != null) {
      Result down = tollgate(Duration.ofMinutes(4), "down");
      assertEquals(0, down.exit(), down.output());
    }
  }

  @Test
  void upPrintsWhereEverythingIs() {
    assertTrue(upOutput.contains("Tollgate is up"), upOutput);
    assertTrue(upOutput.contains("http://localhost:" + ENV.get("TOLLGATE_GATEWAY_PORT")), upOutput);
    assertTrue(upOutput.contains("/q/swagger-ui"), upOutput);
    assertTrue(
        upOutput.contains("http://localhost:" + ENV.get("TOLLGATE_GATEWAY_PORT") + "/q/openapi"),
        upOutput);
    assertTrue(
        upOutput.contains("http://localhost:" + ENV.get("TOLLGATE_GATEWAY_PORT") + "/q/swagger-ui"),
        upOutput);
    String management = "http://localhost:" + ENV.get("TOLLGATE_GATEWAY_MANAGEMENT_PORT");
    assertTrue(upOutput.contains(management + "/q/health/ready"), upOutput);
    assertTrue(upOutput.contains(management + "/q/metrics"), upOutput);
  }

  /**
   * By default the platform listens on the loopback interface only: another machine on the network
   * reaches neither the services (their metrics, or calls without the gateway's checks), nor the
   * gateway's management port, nor the gateway (TOLLGATE_GATEWAY_HOST opens that one). Another user
   * of the machine cannot read the key that signs the tokens the platform trusts.
   */
  @Test
  void thePlatformIsClosedToOtherMachinesAndUsers() throws Exception {
    // and the key that signs the tokens it trusts is readable by its owner alone
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(work.resolve("jwt/private.pem"))));
    InetAddress external = null;
    for (NetworkInterface nic :
        java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress address : java.util.Collections.list(nic.getInetAddresses())) {
        if (nic.isUp()
            && !address.isLoopbackAddress()
            && address instanceof java.net.Inet4Address) {
          external = address;
        }
      }
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(
        external != null, "this machine has no network interface besides the loopback");
    for (String name :
        List.of("GATEWAY", "GATEWAY_MANAGEMENT", "PROJECT", "MILESTONE", "RISK", "NOTIFICATION")) {
      int port = Integer.parseInt(ENV.get("TOLLGATE_" + name + "_PORT"));
      try (Socket loopback = new Socket()) {
        loopback.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
      }
      InetAddress other = external;
      assertThrows(
          IOException.class,
          () -> {
            try (Socket outside = new Socket()) {
              outside.connect(new InetSocketAddress(other, port), 2_000);
            }
          },
          name + " port " + port + " answers on " + other);
    }
  }

  /**
   * The gateway is the only public entry point: its health and metrics (routes, traffic, failing
   * services, circuit states, the JVM) are on its management port, never on the public one, which
   * answers them as any path it does not serve (ADR 0018).
   */
  @Test
  void theGatewaysHealthAndMetricsAreOnItsManagementPortOnly() throws Exception {
    String gateway = "http://localhost:" + ENV.get("TOLLGATE_GATEWAY_PORT");
    String management = "http://localhost:" + ENV.get("TOLLGATE_GATEWAY_MANAGEMENT_PORT");
    for (String path : List.of("/q/health", "/q/health/live", "/q/health/ready", "/q/metrics")) {
      HttpResponse<String> refused = get(gateway + path, "text/plain");
      assertEquals(404, refused.statusCode(), path + ": " + refused.body());
      assertEquals(
          "application/problem+json",
          refused.headers().firstValue("Content-Type").orElse(null),
          path);
      assertEquals(
          "https://tollgate.io/problems/not-found",
          JSON.readTree(refused.body()).path("type").asText(),
          refused.body());
    }

    HttpResponse<String> ready = get(management + "/q/health/ready", "application/json");
    assertEquals(200, ready.statusCode(), ready.body());
    assertEquals("UP", JSON.readTree(ready.body()).path("status").asText(), ready.body());
    HttpResponse<String> metrics = get(management + "/q/metrics", "text/plain");
    assertEquals(200, metrics.statusCode(), metrics.body());
    assertTrue(
        metrics.body().contains("gateway_circuit_state{service=\"project-service\""),
        metrics.body());

    // the API documents stay where clients find them
    assertEquals(200, get(gateway + "/q/openapi", "application/json").statusCode());
    assertEquals(404, get(management + "/q/openapi", "application/json").statusCode());
  }

  private static HttpResponse<String> get(String url, String accept)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aProjectCreatedThroughTheGatewayReachesEveryServicesReadModel() throws Exception {
    String token =
        DevTokens.in(work.resolve("jwt")).token("alice", List.of("MEMBER"), Duration.ofMinutes(10));
    String gateway = "http://localhost:" + ENV.get("TOLLGATE_GATEWAY_PORT");
    String key = "E" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
    HttpResponse<String> created =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(gateway + "/api/v1/projects"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"key\":\"%s\",\"name\":\"End to end\",\"methodology\":\"HYBRID\"}"
                            .formatted(key)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(201, created.statusCode(), created.body());
    String location = created.headers().firstValue("Location").orElseThrow();
    assertTrue(location.startsWith(gateway + "/api/v1/projects/"), location);
    String id = JSON.readTree(created.body()).path("id").asText();

    HttpResponse<String> read =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(location))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, read.statusCode());
    assertEquals("\"0\"", read.headers().firstValue("ETag").orElse(null));
    assertTrue(read.headers().firstValue("X-Request-Id").isPresent());

    HttpResponse<String> anonymous =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(location)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(401, anonymous.statusCode());
    JsonNode problem = JSON.readTree(anonymous.body());
    assertEquals(401, problem.path("status").asInt());

    for (String database : List.of("milestone", "risk", "notification")) {
      assertEquals(key, awaitProjectKey(database, UUID.fromString(id)), database);
    }
  }

  /**
   * A milestone planned through the gateway is what project-service's gates see: its event reaches
   * project-service, whose DEPLOYMENT gate names it until it is completed, and then passes it.
   */
  @Test
  void aMilestonePlannedThroughTheGatewayDecidesProjectServicesGates() throws Exception {
    String token =
        DevTokens.in(work.resolve("jwt")).token("amira", List.of("MEMBER"), Duration.ofMinutes(10));
    String gateway = "http://localhost:" + ENV.get("TOLLGATE_GATEWAY_PORT");
    String key = "M" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
    HttpResponse<String> project =
        send(
            token,
            "POST",
            gateway + "/api/v1/projects",
            "{\"key\":\"%s\",\"name\":\"Gated\",\"methodology\":\"WATERFALL\"}".formatted(key),
            null);
    assertEquals(201, project.statusCode(), project.body());
    String projectId = JSON.readTree(project.body()).path("id").asText();
    // milestone-service accepts milestones of the projects its directory knows
    assertEquals(key, awaitProjectKey("milestone", UUID.fromString(projectId)));

    HttpResponse<String> planned =
        send(
            token,
            "POST",
            gateway + "/api/v1/milestones",
            ("{\"projectId\":\"%s\",\"name\":\"Penetration test\",\"kind\":\"SECURITY_AUDIT\","
                    + "\"plannedDate\":\"%s\",\"bufferDays\":5}")
                .formatted(projectId, LocalDate.now().plusDays(30)),
            null);
    assertEquals(201, planned.statusCode(), planned.body());
    String milestoneId = JSON.readTree(planned.body()).path("id").asText();
    String etag = planned.headers().firstValue("ETag").orElseThrow();

    JsonNode blocked = awaitCriterion(token, gateway, projectId, "MILESTONES_COMPLETED", false);
    assertEquals(milestoneId, blocked.path("milestoneIds").path(0).asText(), blocked.toString());

    HttpResponse<String> completed =
        send(
            token,
            "POST",
            gateway + "/api/v1/milestones/" + milestoneId + "/completion",
            "{}",
            etag);
    assertEquals(200, completed.statusCode(), completed.body());
    assertEquals("COMPLETED", JSON.readTree(completed.body()).path("status").asText());

    JsonNode passed = awaitCriterion(token, gateway, projectId, "MILESTONES_COMPLETED", true);
    assertEquals(0, passed.path("milestoneIds").size(), passed.toString());
  }

  /**
   * A CRITICAL risk registered through the gateway holds project-service's DEPLOYMENT gate and
   * turns the project's health RED until it is closed: risk.events, end to end between real
   * services.
   */
  @Test
  void aCriticalRiskRegisteredThroughTheGatewayHoldsTheDeploymentGateUntilItIsClosed()
      throws Exception {
    String token =
        DevTokens.in(work.resolve("jwt")).token("rhea", List.of("MEMBER"), Duration.ofMinutes(10));
    String gateway = "http://localhost:" + ENV.get("TOLLGATE_GATEWAY_PORT");
    String key = "R" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
    HttpResponse<String> project =
        send(
            token,
            "POST",
            gateway + "/api/v1/projects",
            "{\"key\":\"%s\",\"name\":\"Risky\",\"methodology\":\"AGILE\"}".formatted(key),
            null);
    assertEquals(201, project.statusCode(), project.body());
    String projectId = JSON.readTree(project.body()).path("id").asText();
    assertEquals(key, awaitProjectKey("risk", UUID.fromString(projectId)));

    HttpResponse<String> registered =
        send(
            token,
            "POST",
            gateway + "/api/v1/risks",
            ("{\"projectId\":\"%s\",\"title\":\"Vendor API is end-of-life\","
                    + "\"category\":\"VENDOR\",\"probability\":4,\"impact\":4}")
                .formatted(projectId),
            null);
    assertEquals(201, registered.statusCode(), registered.body());
    JsonNode risk = JSON.readTree(registered.body());
    assertEquals("CRITICAL", risk.path("level").asText(), risk.toString());
    String riskId = risk.path("id").asText();

    JsonNode held = awaitCriterion(token, gateway, projectId, "NO_OPEN_RISK", false);
    assertEquals(riskId, held.path("riskIds").path(0).asText(), held.toString());
    HttpResponse<String> health =
        send(token, "GET", gateway + "/api/v1/projects/" + projectId + "/health", null, null);
    assertEquals(200, health.statusCode(), health.body());
    assertEquals("RED", JSON.readTree(health.body()).path("rating").asText(), health.body());

    HttpResponse<String> closed =
        send(
            token,
            "POST",
            gateway + "/api/v1/risks/" + riskId + "/closure",
            "{\"reason\":\"Migrated to the vendor's new API\"}",
            registered.headers().firstValue("ETag").orElseThrow());
    assertEquals(200, closed.statusCode(), closed.body());
    JsonNode released = awaitCriterion(token, gateway, projectId, "NO_OPEN_RISK", true);
    assertEquals(0, released.path("riskIds").size(), released.toString());
  }

  /**
   * A risk registered through the gateway reaches an integrator's webhook, subscribed through the
   * gateway and signed as Standard Webhooks says, and its delivery log says so: risk.events, end to
   * end from risk-service to notification-service's receiver.
   */
  @Test
  void aRiskReachesAWebhookSubscribedThroughTheGateway() throws Exception {
    String token =
        DevTokens.in(work.resolve("jwt")).token("nadia", List.of("MEMBER"), Duration.ofMinutes(10));
    String gateway = "http://localhost:" + ENV.get("TOLLGATE_GATEWAY_PORT");
    String key = "N" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
    HttpResponse<String> project =
        send(
            token,
            "POST",
            gateway + "/api/v1/projects",
            "{\"key\":\"%s\",\"name\":\"Heard\",\"methodology\":\"AGILE\"}".formatted(key),
            null);
    assertEquals(201, project.statusCode(), project.body());
    String projectId = JSON.readTree(project.body()).path("id").asText();
    assertEquals(key, awaitProjectKey("notification", UUID.fromString(projectId)));

    BlockingQueue<Map<String, String>> hooks = new LinkedBlockingQueue<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          Map<String, String> hook = new LinkedHashMap<>();
          for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
            hook.put(name, exchange.getRequestHeaders().getFirst(name));
          }
          hook.put("body", new String(exchange.getRequestBody().readAllBytes(), UTF_8));
          hooks.add(hook);
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    try {
      HttpResponse<String> webhook =
          send(
              token,
              "POST",
              gateway + "/api/v1/subscriptions",
              ("{\"name\":\"CI bot\",\"projectId\":\"%s\",\"channel\":\"WEBHOOK\","
                      + "\"url\":\"http://127.0.0.1:%d/hook\",\"eventTypes\":[\"tollgate.risk.*\"],"
                      + "\"minSeverity\":\"WARNING\"}")
                  .formatted(projectId, receiver.getAddress().getPort()),
              null);
      assertEquals(201, webhook.statusCode(), webhook.body());
      String secret = JSON.readTree(webhook.body()).path("secret").asText();
      assertTrue(secret.startsWith("whsec_"), webhook.body());
      String subscriptionId = JSON.readTree(webhook.body()).path("id").asText();
      HttpResponse<String> registered =
          send(
              token,
              "POST",
              gateway + "/api/v1/risks",
              ("{\"projectId\":\"%s\",\"title\":\"Load balancer firmware is unpatched\","
                      + "\"category\":\"SECURITY\",\"probability\":4,\"impact\":3}")
                  .formatted(projectId),
              null);
      assertEquals(201, registered.statusCode(), registered.body());
      String riskId = JSON.readTree(registered.body()).path("id").asText();

      Map<String, String> hook = hooks.poll(60, TimeUnit.SECONDS);
      assertTrue(hook != null, "no webhook within 60 s");
      JsonNode event = JSON.readTree(hook.get("body"));
      assertEquals("tollgate.risk.assessed.v1", event.path("type").asText(), hook.get("body"));
      assertEquals(riskId, event.path("subject").asText(), hook.get("body"));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(
              Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
      String signed =
          hook.get("webhook-id") + "." + hook.get("webhook-timestamp") + "." + hook.get("body");
      assertEquals(
          "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(UTF_8))),
          hook.get("webhook-signature"),
          "signature of " + hook);

      JsonNode deliveries =
          JSON.readTree(
              send(
                      token,
                      "GET",
                      gateway + "/api/v1/subscriptions/" + subscriptionId + "/deliveries",
                      null,
                      null)
                  .body());
      assertEquals(
          "DELIVERED",
          deliveries.path("items").path(0).path("status").asText(),
          deliveries.toString());
      assertEquals(hook.get("webhook-id"), deliveries.path("items").path(0).path("id").asText());
    } finally {
      receiver.stop(0);
    }
  }

  /** The DEPLOYMENT entry criterion of that name, once it is met (or not, with what blocks it). */
  private static JsonNode awaitCriterion(
      String token, String gateway, String projectId, String name, boolean met) throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      HttpResponse<String> gates =
          send(token, "GET", gateway + "/api/v1/projects/" + projectId + "/gates", null, null);
      assertEquals(200, gates.statusCode(), gates.body());
      for (JsonNode criterion : JSON.readTree(gates.body()).path("criteria")) {
        if (name.equals(criterion.path("criterion").asText())
            && "DEPLOYMENT".equals(criterion.path("phase").asText())) {
          last = criterion;
          boolean blocked =
              criterion.path("milestoneIds").size() + criterion.path("riskIds").size() > 0;
          if (criterion.path("met").asBoolean() == met && (met || blocked)) {
            return criterion;
          }
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("criterion " + name + " never became met=" + met + ": " + last);
  }

  private static HttpResponse<String> send(
      String token, String method, String url, String body, String ifMatch) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", "Bearer " + token)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** With QUARKUS_LOG_CONSOLE_JSON_ENABLED=true every process logs one JSON object per line. */
  @Test
  void processesLogJsonWhenAskedTo() throws Exception {
    for (String svc : SERVICES) {
      List<String> lines =
          Files.readAllLines(work.resolve("logs/" + svc + ".log"), StandardCharsets.UTF_8);
      JsonNode started = null;
      for (String line : lines) {
        if (line.startsWith("{") && line.contains(" started in ")) {
          started = JSON.readTree(line);
        }
      }
      assertTrue(
          started != null, svc + " logged no JSON start record:\n" + String.join("\n", lines));
      assertEquals("INFO", started.path("level").asText(), started.toString());
      assertEquals("io.quarkus", started.path("loggerName").asText(), started.toString());
      assertTrue(started.path("message").asText().startsWith(svc), started.toString());
      assertTrue(started.path("timestamp").isTextual(), started.toString());
    }
  }

  @Test
  void statusReportsEveryProcessReady() throws Exception {
    Result status = tollgate(Duration.ofMinutes(1), "status");
    assertEquals(0, status.exit(), status.output());
    for (String svc : SERVICES) {
      assertTrue(
          status
              .output()
              .lines()
              .anyMatch(l -> l.contains(svc) && l.contains("ready") && !l.contains("not ready")),
          status.output());
    }
    // the gateway's readiness is read on its management port, and status says where that is
    assertTrue(
        status
            .output()
            .contains(
                "http://localhost:" + ENV.get("TOLLGATE_GATEWAY_MANAGEMENT_PORT") + "/q/health"),
        status.output());
    assertFalse(status.output().contains("down"), status.output());
  }

  /** A client of the gateway reads every operation it can call there in one document. */
  @Test
  void theGatewayServesOneOpenApiDocumentForEverythingBehindIt() throws Exception {
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://localhost:" + ENV.get("TOLLGATE_GATEWAY_PORT") + "/q/openapi"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), answer.body());
    JsonNode doc = JSON.readTree(answer.body());
    for (String path :
        List.of(
            "/api/v1/projects",
            "/api/v1/projects/{id}/phase-transitions",
            "/api/v1/milestones",
            "/api/v1/milestones/{id}/completion",
            "/api/v1/risks",
            "/api/v1/risks/heatmap",
            "/api/v1/api-keys")) {
      assertTrue(doc.path("paths").has(path), path + " missing from the gateway's document");
    }
    assertTrue(doc.path("components").path("schemas").has("Problem"), answer.body());
    assertFalse(doc.has("x-tollgate-missing"), doc.path("x-tollgate-missing").toString());

    // and the events: project-service's AsyncAPI document and the schema it refers to
    String events =
        "http://localhost:" + ENV.get("TOLLGATE_GATEWAY_PORT") + "/asyncapi/project-service/";
    HttpResponse<String> asyncApi =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(events + "asyncapi.yaml")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, asyncApi.statusCode(), asyncApi.body());
    assertTrue(asyncApi.body().contains("tollgate.project.created.v1"), asyncApi.body());
    HttpResponse<String> schema =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(events + "schemas/project-event.v1.json")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, schema.statusCode(), schema.body());
    assertTrue(JSON.readTree(schema.body()).has("$schema"), schema.body());
  }

  /**
   * HTTP/1.1 requires a Host header; Vert.x's router refuses a request without one before any route
   * runs. Every process answers that with a problem saying so, and none logs a client's mistake as
   * its own error (Quarkus's fallback answered its own JSON and logged an error id).
   */
  @Test
  void aRequestWithoutHostIsAProblemAndNotAServerError() throws Exception {
    Map<String, String> ports =
        Map.of(
            "gateway", "GATEWAY",
            "project-service", "PROJECT",
            "milestone-service", "MILESTONE",
            "risk-service", "RISK",
            "notification-service", "NOTIFICATION");
    // the gateway's management port too, where its health is (ADR 0018); its log is checked below
    String management =
        exchangeRaw(
            Integer.parseInt(ENV.get("TOLLGATE_GATEWAY_MANAGEMENT_PORT")),
            "GET /q/health/ready HTTP/1.1\r\nConnection: close\r\n\r\n");
    assertTrue(management.startsWith("HTTP/1.1 400 "), management);
    assertTrue(
        management.toLowerCase().contains("content-type: application/problem+json"), management);
    assertTrue(management.contains("'Host' header is required"), management);
    for (String svc : SERVICES) {
      int port = Integer.parseInt(ENV.get("TOLLGATE_" + ports.get(svc) + "_PORT"));
      for (String path : List.of("/api/v1/projects", "/q/health/ready")) {
        String answer = exchangeRaw(port, "GET " + path + " HTTP/1.1\r\nConnection: close\r\n\r\n");
        String where = svc + " " + path + ":\n" + answer;
        assertTrue(answer.startsWith("HTTP/1.1 400 "), where);
        assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), where);
        assertTrue(answer.contains("'Host' header is required"), where);
      }
      String log = Files.readString(work.resolve("logs/" + svc + ".log"), StandardCharsets.UTF_8);
      assertFalse(log.contains("'Host' header is required"), svc + " logged the refusal:\n" + log);
    }
  }

  /**
   * A raw {@code |} in a query (browsers send it so) or a {@code %} that starts no escape is no
   * URI. Quarkus would refuse it with an empty 400; the launcher turns that check off and every
   * process makes it itself, answering a problem that says what to encode (ADR 0019). This fails if
   * the launcher stops passing {@code -Dvertx.disableURIValidation=true}.
   */
  @Test
  void aTargetThatIsNotAUriIsAProblemThatSaysWhatToEncode() throws Exception {
    Map<String, String> targets = new LinkedHashMap<>();
    targets.put("GATEWAY", "/api/v1/projects?text=a|b");
    targets.put("GATEWAY_MANAGEMENT", "/q/health/ready?probe=a|b");
    targets.put("PROJECT", "/api/v1/projects?text=a|b");
    targets.put("MILESTONE", "/q/health/ready?probe=a|b");
    targets.put("RISK", "/q/health/ready?probe=a|b");
    targets.put("NOTIFICATION", "/q/health/ready?probe=a|b");
    for (Map.Entry<String, String> target : targets.entrySet()) {
      int port = Integer.parseInt(ENV.get("TOLLGATE_" + target.getKey() + "_PORT"));
      String answer =
          exchangeRaw(
              port,
              "GET "
                  + target.getValue()
                  + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
      String where = target + ":\n" + answer;
      assertTrue(answer.startsWith("HTTP/1.1 400 "), where);
      assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), where);
      assertTrue(answer.contains("'|' must be percent-encoded as %7C"), where);
    }
  }

  /**
   * A request whose header fields take all the gateway accepts (20 KiB) is passed on and answered
   * by the service, although the gateway adds its forwarding headers: the services take more than
   * the gateway, so that nothing it took is refused behind it (before, both codecs took 20 KiB and
   * the service's answered an empty 431). One byte more is the gateway's 431 problem (ADR 0019).
   */
  @Test
  void headerFieldsUpToTheGatewaysLimitReachTheService() throws Exception {
    String token =
        DevTokens.in(work.resolve("jwt")).token("alice", List.of("MEMBER"), Duration.ofMinutes(10));
    int port = Integer.parseInt(ENV.get("TOLLGATE_GATEWAY_PORT"));
    // each field counts as on the wire: name, ": ", value, CRLF
    int others =
        ("Host".length() + "localhost".length() + 4)
            + ("Authorization".length() + ("Bearer " + token).length() + 4)
            + ("Connection".length() + "close".length() + 4)
            + ("X-Padding".length() + 4);
    for (int extra : new int[] {0, 1}) {
      String padding = "x".repeat(20_480 - others + extra);
      String answer =
          exchangeRaw(
              port,
              "GET /api/v1/projects?size=1 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                  + token
                  + "\r\nX-Padding: "
                  + padding
                  + "\r\nConnection: close\r\n\r\n");
      String status = answer.lines().findFirst().orElse("");
      if (extra == 0) {
        assertEquals("HTTP/1.1 200 OK", status, answer);
      } else {
        assertEquals("HTTP/1.1 431 Request Header Fields Too Large", status, answer);
        assertTrue(answer.contains("at most 20,480 are accepted (the largest, X-Padding,"), answer);
      }
    }
  }

  private static String exchangeRaw(int port, String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * {@code ./tollgate down} (SIGTERM, as Kubernetes sends when it replaces a pod) while a create is
   * in flight, straight to project-service and through the gateway: each still gets its 201 and is
   * stored (or, through the gateway, a 503 problem and is not), instead of a connection cut off
   * with the client left not knowing whether its write happened. The bodies are held back until the
   * processes have been told to stop, so the requests are certainly in flight then. Meanwhile their
   * readiness checks answer 503, so that a load balancer or a Kubernetes Service stops sending them
   * new requests, and a new request that still reaches project-service is refused with a 503
   * problem and its connection closed, not run.
   */
  @Test
  void requestsInFlightWhenThePlatformStopsAreAnsweredAndStored() throws Exception {
    String token =
        DevTokens.in(work.resolve("jwt")).token("alice", List.of("MEMBER"), Duration.ofMinutes(10));
    Map<String, Integer> routes =
        new LinkedHashMap<>(
            Map.of(
                "gateway", Integer.parseInt(ENV.get("TOLLGATE_GATEWAY_PORT")),
                "project-service", Integer.parseInt(ENV.get("TOLLGATE_PROJECT_PORT"))));
    Map<String, String> keys = new LinkedHashMap<>();
    Map<String, HeldRequest> held = new LinkedHashMap<>();
    for (var route : routes.entrySet()) {
      String key = "F" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
      keys.put(route.getKey(), key);
      held.put(
          route.getKey(),
          HeldRequest.open(
              route.getValue(),
              token,
              "{\"key\":\"%s\",\"name\":\"In flight\",\"methodology\":\"AGILE\"}".formatted(key)));
    }
    CompletableFuture<Result> down =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return tollgate(Duration.ofMinutes(4), "down");
              } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    // the launcher signals every service at once; from the signal on, while they finish, their
    // readiness is DOWN, so that a load balancer sends them nothing new (polled: the signals take
    // a moment to land on a busy machine)
    for (String port :
        List.of(ENV.get("TOLLGATE_PROJECT_PORT"), ENV.get("TOLLGATE_GATEWAY_MANAGEMENT_PORT"))) {
      // HTTP/1.1, as Kubernetes probes: offered an upgrade to HTTP/2, the draining gateway's
      // management port takes it and then sends a GOAWAY, which Java's client reports as an EOF
      HttpRequest probe =
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
              .version(HttpClient.Version.HTTP_1_1)
              .build();
      long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
      HttpResponse<String> ready = HTTP.send(probe, HttpResponse.BodyHandlers.ofString());
      while (ready.statusCode() != 503 && System.nanoTime() < deadline) {
        Thread.sleep(100);
        ready = HTTP.send(probe, HttpResponse.BodyHandlers.ofString());
      }
      assertEquals(503, ready.statusCode(), port + ": " + ready.body());
      assertTrue(ready.body().contains("\"DOWN\""), ready.body());
    }
    assertFalse(down.isDone(), "down finished while requests were in flight");
    // a request that arrives while the service drains is not run (under steady traffic the drain
    // never emptied, and cut off, at its timeout, writes that had committed): it is refused at
    // once and its connection closed, so that its client sends it again elsewhere
    int projectPort = Integer.parseInt(ENV.get("TOLLGATE_PROJECT_PORT"));
    String lateKey = "L" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
    byte[] lateBody =
        "{\"key\":\"%s\",\"name\":\"Too late\",\"methodology\":\"AGILE\"}"
            .formatted(lateKey)
            .getBytes(StandardCharsets.UTF_8);
    String late =
        exchangeRaw(
            projectPort,
            ("POST /api/v1/projects HTTP/1.1\r\nHost: localhost:%d\r\nAuthorization: Bearer %s\r\n"
                        + "X-Request-Id: late-create\r\nContent-Type: application/json\r\n"
                        + "Content-Length: %d\r\n\r\n")
                    .formatted(projectPort, token, lateBody.length)
                + new String(lateBody, StandardCharsets.UTF_8));
    assertTrue(late.startsWith("HTTP/1.1 503 "), late);
    String lateHead = late.substring(0, late.indexOf("\r\n\r\n")).toLowerCase();
    assertTrue(lateHead.contains("\r\nconnection: close"), late);
    assertTrue(lateHead.contains("\r\nretry-after: 1"), late);
    assertTrue(lateHead.contains("\r\ncontent-type: application/problem+json"), late);
    JsonNode lateProblem = JSON.readTree(late.substring(late.indexOf("\r\n\r\n")));
    assertEquals("https://tollgate.io/problems/unavailable", lateProblem.path("type").asText());
    assertEquals(503, lateProblem.path("status").asInt());
    assertEquals("late-create", lateProblem.path("requestId").asText());
    List<byte[]> refused = new ArrayList<>(List.of(lateBody));
    Map<String, String> ids = new LinkedHashMap<>();
    for (var request : held.entrySet()) {
      String answer = request.getValue().finish();
      String where = request.getKey() + ":\n" + answer;
      // the gateway may send a create on only once it has its body: project-service, draining by
      // then, refuses it unrun and the gateway passes that on, which its client can tell (in a
      // rolling update another instance would take it)
      if (request.getKey().equals("gateway") && answer.startsWith("HTTP/1.1 503 ")) {
        assertEquals(
            "https://tollgate.io/problems/unavailable",
            JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n"))).path("type").asText(),
            where);
        refused.add(request.getValue().body());
        continue;
      }
      assertTrue(answer.startsWith("HTTP/1.1 201 "), where);
      ids.put(
          request.getKey(),
          JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n"))).path("id").asText());
    }
    Result stopped = down.get(4, TimeUnit.MINUTES);
    assertEquals(0, stopped.exit(), stopped.output());
    assertFalse(stopped.output().contains("did not stop"), stopped.output());

    Result up = tollgate(Duration.ofMinutes(4), "up", "--detach");
    assertEquals(0, up.exit(), "./tollgate up failed:\n" + up.output());
    for (var id : ids.entrySet()) {
      HttpResponse<String> read =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://localhost:"
                              + ENV.get("TOLLGATE_PROJECT_PORT")
                              + "/api/v1/projects/"
                              + id.getValue()))
                  .header("Authorization", "Bearer " + token)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, read.statusCode(), id.getKey() + ": " + read.body());
      assertEquals(keys.get(id.getKey()), JSON.readTree(read.body()).path("key").asText());
    }
    // the refused creates were not stored: their keys are free
    for (byte[] body : refused) {
      HttpResponse<String> again =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create("http://localhost:" + projectPort + "/api/v1/projects"))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(201, again.statusCode(), again.body());
    }
  }

  /** A create whose headers and first bytes are sent, and whose rest waits for {@link #finish}. */
  private record HeldRequest(Socket socket, byte[] body, int sent) {

    static HeldRequest open(int port, String token, String json) throws IOException {
      Socket socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(60_000);
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      String head =
          "POST /api/v1/projects HTTP/1.1\r\nHost: localhost:%d\r\nAuthorization: Bearer %s\r\n"
                  .formatted(port, token)
              + "Content-Type: application/json\r\nContent-Length: "
              + body.length
              + "\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().write(body, 0, 10);
      socket.getOutputStream().flush();
      return new HeldRequest(socket, body, 10);
    }

    /** Sends the rest of the body and reads the answer: its head, then Content-Length bytes. */
    String finish() throws IOException {
      try (socket) {
        socket.getOutputStream().write(body, sent, body.length - sent);
        socket.getOutputStream().flush();
        var in = socket.getInputStream();
        var head = new java.io.ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
          int b = in.read();
          if (b < 0) {
            return head.toString(StandardCharsets.US_ASCII); // cut off: the caller says so
          }
          head.write(b);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        int length =
            text.lines()
                .filter(l -> l.toLowerCase().startsWith("content-length:"))
                .mapToInt(l -> Integer.parseInt(l.substring(l.indexOf(':') + 1).trim()))
                .findFirst()
                .orElse(0);
        return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
      }
    }
  }

  @Test
  void aSecondStartMapsTheStartUpArchivesTheFirstRecorded() throws Exception {
    assertTrue(upOutput.contains("recording start-up archives"), upOutput);
    // stopping writes the archives (half a minute or more on two cores), then up maps them
    Result down = tollgate(Duration.ofMinutes(4), "down");
    assertEquals(0, down.exit(), down.output());
    assertFalse(down.output().contains("did not stop"), down.output());
    Result up = tollgate(Duration.ofMinutes(4), "up", "--detach");
    assertEquals(0, up.exit(), "./tollgate up failed:\n" + up.output());
    assertTrue(up.output().contains("start-up archives in use"), up.output());
    for (String svc : SERVICES) {
      Path archive = archiveOf(svc);
      assertTrue(Files.size(archive) > 1_000_000, archive + " is nearly empty");
      String pid = Files.readString(work.resolve("pids/" + svc + ".pid")).trim();
      assertTrue(
          Files.readAllLines(Path.of("/proc", pid, "maps")).stream()
              .anyMatch(line -> line.endsWith(archive.toString())),
          svc + " does not map " + archive);
    }
  }

  /** The archive the launcher keeps for svc: whichever kind (.aot, .jsa) has a key beside it. */
  private static Path archiveOf(String svc) throws IOException {
    try (var keys = Files.list(work.resolve("archives"))) {
      List<Path> found =
          keys.filter(p -> p.getFileName().toString().matches(svc + "\\.(aot|jsa)\\.key")).toList();
      assertEquals(1, found.size(), "archive keys of " + svc + ": " + found);
      String key = found.get(0).toString();
      return Path.of(key.substring(0, key.length() - ".key".length()));
    }
  }

  /**
   * A port in use is named, with the variable that moves it, before anything is built or started. A
   * start lock left behind names a pid that something else took since (here this JVM): that is no
   * {@code tollgate up}, and does not keep this one from starting.
   */
  @Test
  void aPortInUseIsNamedInsteadOfAStackTrace() throws Exception {
    Map<String, String> saved = new LinkedHashMap<>(ENV);
    try (ServerSocket taken = new ServerSocket(0)) {
      Path second = Files.createTempDirectory(work, "second-");
      Files.createSymbolicLink(
          second.resolve("up.pid"), Path.of(Long.toString(ProcessHandle.current().pid())));
      useWork(second);
      ENV.put("TOLLGATE_PROJECT_PORT", Integer.toString(taken.getLocalPort()));
      ENV.put("TOLLGATE_GATEWAY_PORT", Integer.toString(freePort()));
      ENV.put("TOLLGATE_GATEWAY_MANAGEMENT_PORT", Integer.toString(freePort()));
      ENV.put("TOLLGATE_PG_PORT", Integer.toString(freePort()));
      ENV.put("TOLLGATE_KAFKA_PORT", Integer.toString(freePort()));
      Result clash = tollgate(Duration.ofMinutes(1), "up", "--detach");
      assertEquals(1, clash.exit(), clash.output());
      assertTrue(
          clash
              .output()
              .contains(
                  "port "
                      + taken.getLocalPort()
                      + " (project-service) is already in use; set TOLLGATE_PROJECT_PORT to a free"
                      + " port"),
          clash.output());
      assertFalse(clash.output().contains("Exception"), clash.output());
      assertFalse(clash.output().contains("another ./tollgate up"), clash.output());
      assertFalse(clash.output().contains("Building"), clash.output());
    } finally {
      ENV.clear();
      ENV.putAll(saved);
    }
  }

  /**
   * A start that fails after PostgreSQL and Kafka are up (here: signing keys a crash left empty)
   * stops them again and says what failed, instead of leaving them running so that the next {@code
   * up} would be refused as "already running".
   */
  @Test
  void aStartThatFailsHalfwayLeavesNothingRunning() throws Exception {
    Map<String, String> saved = new LinkedHashMap<>(ENV);
    try {
      Path damaged = Files.createTempDirectory(work, "damaged-");
      Files.createDirectories(damaged.resolve("jwt"));
      Files.writeString(damaged.resolve("jwt/private.pem"), "");
      Files.writeString(damaged.resolve("jwt/public.pem"), "");
      useWork(damaged);
      freshPorts();
      Result failed = tollgate(Duration.ofMinutes(4), "up", "--detach");
      assertEquals(1, failed.exit(), failed.output());
      assertTrue(failed.output().contains("starting PostgreSQL"), failed.output());
      assertTrue(
          failed.output().contains("cannot read or make the local signing keys"), failed.output());
      // PostgreSQL and Kafka were stopped: their ports are free again, and status says so
      for (String port : List.of("TOLLGATE_PG_PORT", "TOLLGATE_KAFKA_PORT")) {
        try (ServerSocket free = new ServerSocket(Integer.parseInt(ENV.get(port)))) {
          assertTrue(free.isBound());
        }
      }
      Result status = tollgate(Duration.ofMinutes(1), "status");
      for (String process : List.of("postgres", "kafka")) {
        assertTrue(
            status
                .output()
                .lines()
                .anyMatch(l -> l.matches("\\s*" + process + "\\s+\\d+\\s+down\\b.*")),
            status.output());
      }
    } finally {
      ENV.clear();
      ENV.putAll(saved);
    }
  }

  /**
   * Closing the terminal of a foreground {@code up} (SIGHUP, and its output gone with it) stops
   * what it started. Before, the launcher's first message to the terminal that was gone failed, and
   * it exited without stopping anything: PostgreSQL and Kafka (and any service started) kept
   * running, and the next {@code up} was refused as "already running".
   */
  @Test
  void closingTheTerminalOfAForegroundUpStopsWhatItStarted() throws Exception {
    Map<String, String> saved = new LinkedHashMap<>(ENV);
    try {
      useWork(Files.createTempDirectory(work, "hangup-"));
      ENV.put("TOLLGATE_START_ARCHIVES", "off");
      freshPorts();
      ProcessBuilder builder =
          new ProcessBuilder("bash", ROOT.resolve("tollgate").toString(), "up")
              .directory(ROOT.toFile())
              .redirectErrorStream(true);
      builder.environment().putAll(ENV);
      Process up = builder.start();
      up.getOutputStream().close();
      StringBuilder seen = new StringBuilder();
      try (BufferedReader output =
          new BufferedReader(new InputStreamReader(up.getInputStream(), StandardCharsets.UTF_8))) {
        // until PostgreSQL and Kafka are up and the services are being started
        String line;
        while ((line = output.readLine()) != null && !line.endsWith(" UP")) {
          seen.append(line).append('\n');
        }
        assertTrue(line != null, "up ended before PostgreSQL and Kafka were up:\n" + seen);
      } // the terminal is gone ...
      // ... and its session's processes get a hangup
      new ProcessBuilder("kill", "-HUP", Long.toString(up.pid())).start().waitFor();
      assertTrue(up.waitFor(3, TimeUnit.MINUTES), "up did not stop after the hangup");
      for (String name : List.of("PG", "KAFKA", "PROJECT", "MILESTONE", "RISK", "NOTIFICATION")) {
        int port = Integer.parseInt(ENV.get("TOLLGATE_" + name + "_PORT"));
        assertTrue(free(port), name + " port " + port + " is still taken: left running");
      }
    } finally {
      tollgate(Duration.ofMinutes(3), "down"); // whatever a failure left behind
      ENV.clear();
      ENV.putAll(saved);
    }
  }

  /**
   * A second {@code up} while one is starting (building, say, which takes minutes on a fresh
   * machine) is refused, naming the one that is: both would build into the same folders and write
   * over each other's pid files.
   */
  @Test
  void aSecondUpWhileOneIsStartingIsRefused() throws Exception {
    Map<String, String> saved = new LinkedHashMap<>(ENV);
    // a process that is what a starting up is: bash running this checkout's launcher with "up"
    Process starting =
        new ProcessBuilder("bash", "-c", "sleep 120; :", ROOT.resolve("tollgate").toString(), "up")
            .start();
    try {
      Path fresh = Files.createTempDirectory(work, "locked-");
      // the lock: a symbolic link naming its holder's pid
      Files.createSymbolicLink(fresh.resolve("up.pid"), Path.of(Long.toString(starting.pid())));
      useWork(fresh);
      freshPorts();
      Result second = tollgate(Duration.ofMinutes(1), "up", "--detach");
      assertEquals(1, second.exit(), second.output());
      assertTrue(
          second
              .output()
              .contains("another ./tollgate up (pid " + starting.pid() + ") is starting"),
          second.output());
      // and where its lock is, should it be left behind
      assertTrue(second.output().contains(fresh.resolve("up.pid").toString()), second.output());
      assertFalse(second.output().contains("Starting Tollgate"), second.output());
    } finally {
      starting.descendants().forEach(ProcessHandle::destroy);
      starting.destroy();
      ENV.clear();
      ENV.putAll(saved);
    }
  }

  private static String awaitProjectKey(String database, UUID projectId) throws Exception {
    String url = "jdbc:postgresql://localhost:" + ENV.get("TOLLGATE_PG_PORT") + "/" + database;
    Instant deadline = Instant.now().plusSeconds(60);
    try (Connection db = DriverManager.getConnection(url, "postgres", "postgres");
        PreparedStatement query =
            db.prepareStatement("select project_key from project_ref where project_id = ?")) {
      query.setObject(1, projectId);
      while (Instant.now().isBefore(deadline)) {
        try (ResultSet rs = query.executeQuery()) {
          if (rs.next()) {
            return rs.getString(1);
          }
        }
        Thread.sleep(200);
      }
    }
    return null;
  }

  private record Result(int exit, String output) {}

  private static Result tollgate(Duration timeout, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("tollgate").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
    builder.environment().putAll(ENV);
    Path log = Files.createTempFile(work, "tollgate-" + args[0], ".log");
    builder.redirectOutput(log.toFile());
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroy();
      return new Result(-1, Files.readString(log, StandardCharsets.UTF_8) + "\n(timed out)");
    }
    return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /**
   * Points the launcher at another work folder, with its start-up archives in it: in the platform's
   * they would be another launcher's to record or drop (one with archives off drops what records).
   */
  private static void useWork(Path dir) {
    ENV.put("TOLLGATE_WORK", dir.toString());
    ENV.remove("TOLLGATE_ARCHIVES");
  }

  /**
   * A free port for every process the launcher starts, in its environment variables, each a
   * different one: every socket stays open until all are picked, since the kernel may hand a port
   * just closed out again (two processes given one port: the second fails to start, and the first
   * answers the launcher's readiness check for both).
   */
  private static void freshPorts() throws IOException {
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (String name :
          List.of(
              "GATEWAY",
              "GATEWAY_MANAGEMENT",
              "PROJECT",
              "MILESTONE",
              "RISK",
              "NOTIFICATION",
              "PG",
              "KAFKA")) {
        ServerSocket socket = new ServerSocket(0);
        held.add(socket);
        ENV.put("TOLLGATE_" + name + "_PORT", Integer.toString(socket.getLocalPort()));
      }
    } finally {
      for (ServerSocket socket : held) {
        socket.close();
      }
    }
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      return socket.isBound();
    } catch (IOException taken) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
