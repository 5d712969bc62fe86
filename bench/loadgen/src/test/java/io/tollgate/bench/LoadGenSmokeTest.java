package io.tollgate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the load generator's short mode against a tiny local HTTP server so that the benchmark's
 * Java side cannot rot unnoticed. A couple of seconds in all.
 */
class LoadGenSmokeTest {

  static {
    // the JDK server writes headers and body apart; without this, Nagle's algorithm and delayed
    // ACKs hold each response ~40 ms, which would be measured as latency
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private HttpServer server;
  private ExecutorService executor;
  private final AtomicLong served = new AtomicLong();
  private final Queue<String> paths = new ConcurrentLinkedQueue<>();
  private final Queue<String> created = new ConcurrentLinkedQueue<>();

  /**
   * Starts the server; with {@code stallMillis} above 0 it holds its answer to the {@code
   * stallAtRequest}-th GET that long, once.
   */
  private String start(long stallAtRequest, long stallMillis) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    executor = Executors.newFixedThreadPool(4);
    server.setExecutor(executor);
    AtomicLong gets = new AtomicLong();
    server.createContext(
        "/api/v1/projects",
        (HttpExchange ex) -> {
          paths.add(ex.getRequestURI().getPath());
          if (ex.getRequestMethod().equals("POST")) {
            // what a create sent: its key, as project-service would read it
            String sent = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            created.add(sent.replaceAll("(?s).*\"key\"\\s*:\\s*\"([^\"]*)\".*", "$1"));
            ex.sendResponseHeaders(201, -1);
            ex.close();
            return;
          }
          if (stallMillis > 0 && gets.incrementAndGet() == stallAtRequest) {
            sleep(stallMillis);
          }
          served.incrementAndGet();
          byte[] body = "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, body.length);
          try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
          }
        });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/projects/{id}";
  }

  /** Loads the HTTP client's classes once, so that no test's window starts on a cold JVM. */
  @BeforeAll
  static void primeTheClient() throws Exception {
    LoadGenSmokeTest t = new LoadGenSmokeTest();
    String url = t.start(0, 0);
    try {
      OpenLoop.run(
          new OpenLoop.Config(100, Duration.ZERO, Duration.ofMillis(300), 2, 200),
          seq ->
              Http.status(
                  Http.client(), Http.get(URI.create(url.replace("{id}", "prime")), List.of())));
    } finally {
      t.stop();
    }
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  @Test
  void shortRunReportsSaneCountsAndPercentiles(@TempDir Path dir) throws Exception {
    String url = start(0, 0);
    Path out = dir.resolve("smoke.properties");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    LatencyResult r =
        LoadGen.rate(
            new Args(
                new String[] {
                  "--url",
                  url,
                  "--ids",
                  "50",
                  "--rate",
                  "200",
                  "--warmup",
                  "1s",
                  "--duration",
                  "1s",
                  "--connections",
                  "4",
                  "--label",
                  "smoke",
                  "--out",
                  out.toString()
                },
                0),
            new PrintStream(printed, true, StandardCharsets.UTF_8));

    // 200/s for 1 s measured: the schedule fixes the count, whatever the machine's speed
    assertEquals(200, r.count(), "requests in the measured window");
    assertEquals(0, r.errors());
    assertTrue(served.get() >= 390, "warm-up requests are sent too: " + served.get());
    double p50 = r.percentileMillis(50);
    double p90 = r.percentileMillis(90);
    double p99 = r.percentileMillis(99);
    double p999 = r.percentileMillis(99.9);
    assertTrue(p50 > 0, "p50 " + p50);
    assertTrue(p50 <= p90 && p90 <= p99 && p99 <= p999, "percentiles in order");
    // generous bounds: the 2-core machine may be busy with other builds
    assertTrue(p999 < Http.REQUEST_TIMEOUT.toMillis(), "p99.9 below the request timeout: " + p999);
    assertTrue(r.latency().getMaxValue() / 1000d >= p999, "max >= p99.9");
    assertTrue(r.achievedRate() > 50 && r.achievedRate() <= 201, "rate " + r.achievedRate());

    // every request named one of the 50 seeded projects, by the id the database gives it
    Set<String> seeded = new HashSet<>();
    for (long n = 1; n <= 50; n++) {
      seeded.add("/api/v1/projects/" + Projects.seededId(n));
    }
    Set<String> asked = new HashSet<>(paths);
    asked.remove("/api/v1/projects/prime");
    assertTrue(seeded.containsAll(asked), "ids outside the seeded set: " + asked);
    assertTrue(asked.size() > 25, "ids spread over the set: " + asked.size());

    Properties props = Outputs.props(out).orElseThrow();
    assertEquals("200", props.getProperty("count"));
    assertEquals("0", props.getProperty("errors"));
    assertEquals(p50, Double.parseDouble(props.getProperty("p50_ms")), 0.001);
    assertTrue(printed.toString(StandardCharsets.UTF_8).contains("p99.9"));
  }

  /** Creates: each request POSTs a project of its own key, and 201 is what counts as success. */
  @Test
  void createModePostsAProjectWithAKeyOfItsOwnEachTime() throws Exception {
    String url = start(0, 0).replace("/{id}", "");
    LatencyResult r =
        LoadGen.rate(
            new Args(
                new String[] {
                  "--url", url,
                  "--create-prefix", "BX",
                  "--rate", "100",
                  "--warmup", "0s",
                  "--duration", "1s",
                  "--connections", "2"
                },
                0),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertEquals(100, r.count());
    assertEquals(0, r.errors(), "every create answered 201, as expected");
    assertEquals(Set.of("/api/v1/projects"), new HashSet<>(paths));
    assertTrue(created.size() >= 100, "creates sent: " + created.size());
    assertTrue(
        created.stream().allMatch(k -> k.matches("BX[A-Z0-9]+") && k.length() <= 10),
        "keys: " + created);
    assertEquals(created.size(), new HashSet<>(created).size(), "a key of its own each time");
  }

  @Test
  void aServerStallCountsForEveryRequestThatWasDueDuringIt() throws Exception {
    // one connection at 200/s; the server stalls 300 ms once, on the 260th request: 1.3 s into
    // the run, inside the measured window that follows the 1 s warm-up (counted, not timed, so
    // that a slow start of the run cannot move the stall into the warm-up)
    String url = start(260, 300);
    LatencyResult r =
        LoadGen.rate(
            new Args(
                new String[] {
                  "--url",
                  url,
                  "--ids",
                  "10",
                  "--rate",
                  "200",
                  "--warmup",
                  "1s",
                  "--duration",
                  "1s",
                  "--connections",
                  "1"
                },
                0),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertEquals(200, r.count());
    // ~60 of the 200 requests were due during the stall: a closed loop would show one slow
    // request; measured from the intended start, the stall reaches the 90th percentile
    double latencyP90 = r.percentileMillis(90);
    double serviceP90 = r.service().getValueAtPercentile(90) / 1000d;
    assertTrue(latencyP90 > 100, "p90 from the intended start " + latencyP90);
    assertTrue(
        latencyP90 - serviceP90 > 50,
        "the service time (from the actual send) does not see the queue: p90 "
            + serviceP90
            + " vs "
            + latencyP90);
    assertTrue(r.latency().getMaxValue() / 1000d >= 290, "max " + r.latency().getMaxValue());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static Path write(Path dir, String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }
}
