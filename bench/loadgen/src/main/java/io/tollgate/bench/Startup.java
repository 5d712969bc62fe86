package io.tollgate.bench;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * Start-up and memory of one service: the time from starting its process to the first {@code 200}
 * of its readiness check, then its resident set size (RSS, from {@code /proc/PID/status}) after a
 * warm-up of requests. The process is stopped with SIGTERM afterwards.
 */
final class Startup {

  private Startup() {}

  record Sample(long readyMillis, long rssKb, long hwmKb, long warmupErrors) {}

  static void main(Args a, PrintStream out) throws Exception {
    String name = a.required("name");
    String healthUrl = a.required("health");
    String warmupTemplate = a.string("warmup-url", null);
    // "{port}" in the URLs, the environment and the command is replaced by a port that is free at
    // each start: the first one from --port up (a fixed port can meanwhile be taken as the local
    // port of some outgoing connection, since the bench's ports lie in Linux's ephemeral range)
    int basePort = a.integer("port", 0);
    // "{management-port}" likewise, from --management-port up: the gateway serves its health on a
    // port of its own (docs/adr/0018-gateway-management-port.md)
    int baseManagementPort = a.integer("management-port", 0);
    int ids = a.integer("ids", 0);
    int warmupRequests = a.integer("warmup-requests", 2000);
    int repeat = a.integer("repeat", 1);
    Duration timeout = a.duration("timeout", "120s");
    List<String> command = a.rest();
    if (command.isEmpty()) {
      throw new IllegalArgumentException("the command to start goes after --");
    }
    String log = a.string("log", null);
    List<String> headers = a.all("header");

    List<Sample> samples = new ArrayList<>();
    String warmupUrl = warmupTemplate;
    for (int r = 0; r < repeat; r++) {
      int chosen = basePort == 0 ? 0 : freePort(basePort);
      int chosenManagement = baseManagementPort == 0 ? 0 : freePort(baseManagementPort, chosen);
      UnaryOperator<String> ports =
          text ->
              text.replace("{port}", String.valueOf(chosen))
                  .replace("{management-port}", String.valueOf(chosenManagement));
      URI health = URI.create(ports.apply(healthUrl));
      warmupUrl = warmupTemplate == null ? null : ports.apply(warmupTemplate);
      ProcessBuilder pb =
          new ProcessBuilder(command.stream().map(ports).toList()).redirectErrorStream(true);
      for (String kv : a.all("env")) {
        int eq = kv.indexOf('=');
        pb.environment().put(kv.substring(0, eq), ports.apply(kv.substring(eq + 1)));
      }
      if (log != null) {
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(new File(log)));
      } else {
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
      }
      HttpClient client = Http.client();
      long t0 = System.nanoTime();
      Process p = pb.start();
      try {
        long ready = awaitReady(client, health, p, t0, timeout);
        long errors = warmup(client, warmupUrl, ids, warmupRequests, headers);
        Thread.sleep(500);
        long[] rss = rss(p.pid());
        samples.add(new Sample(ready, rss[0], rss[1], errors));
        out.printf(
            Locale.ROOT,
            "%s: ready in %d ms, RSS %d MB after %d warm-up requests (%d errors), peak %d MB%n",
            name,
            ready,
            rss[0] / 1024,
            warmupUrl == null ? 0 : warmupRequests,
            errors,
            rss[1] / 1024);
      } finally {
        stop(p);
      }
    }
    List<Long> ready = samples.stream().map(Sample::readyMillis).sorted().toList();
    List<Long> rss = samples.stream().map(Sample::rssKb).sorted().toList();
    String file = a.string("out", null);
    if (file != null) {
      Properties props = new Properties();
      props.setProperty("name", name);
      props.setProperty("repeat", String.valueOf(repeat));
      props.setProperty("ready_ms", String.valueOf(median(ready)));
      props.setProperty("ready_ms_all", ready.toString());
      props.setProperty("rss_mb", LatencyResult.fmt(median(rss) / 1024d));
      props.setProperty("rss_mb_all", rss.stream().map(k -> k / 1024).toList().toString());
      props.setProperty(
          "hwm_mb",
          LatencyResult.fmt(median(samples.stream().map(Sample::hwmKb).sorted().toList()) / 1024d));
      props.setProperty("warmup_requests", String.valueOf(warmupUrl == null ? 0 : warmupRequests));
      props.setProperty(
          "warmup_errors", String.valueOf(samples.stream().mapToLong(Sample::warmupErrors).sum()));
      props.setProperty("command", String.join(" ", command));
      props.setProperty(
          "warmup_endpoint",
          warmupUrl == null ? "" : "GET " + URI.create(warmupUrl.replace("{id}", "ID")).getPath());
      LatencyResult.store(props, Path.of(file));
    }
  }

  /** The first port from {@code from} up that nothing listens on or is connected from. */
  static int freePort(int from) throws java.io.IOException {
    return freePort(from, 0);
  }

  /** As {@link #freePort(int)}, but never {@code other} (chosen for the same process). */
  static int freePort(int from, int other) throws java.io.IOException {
    for (int port = from; port < from + 100; port++) {
      if (port == other) {
        continue;
      }
      try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
        socket.setReuseAddress(false);
        socket.bind(new java.net.InetSocketAddress("0.0.0.0", port));
        return port;
      } catch (java.io.IOException taken) {
        // try the next one
      }
    }
    throw new java.io.IOException("no free port in " + from + ".." + (from + 99));
  }

  static long median(List<Long> sorted) {
    return sorted.isEmpty() ? 0 : sorted.get((sorted.size() - 1) / 2);
  }

  private static long awaitReady(
      HttpClient client, URI health, Process p, long t0, Duration timeout) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET().build();
    long deadline = t0 + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("the process exited with " + p.exitValue());
      }
      try {
        if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("not ready within " + timeout);
  }

  /** A closed loop of 4 clients; returns how many requests did not answer 200. */
  private static long warmup(
      HttpClient client, String url, int ids, int requests, List<String> headers) throws Exception {
    if (url == null || requests <= 0) {
      return 0;
    }
    List<URI> uris = new ArrayList<>();
    if (url.contains("{id}")) {
      for (int i = 1; i <= Math.max(1, ids); i++) {
        uris.add(URI.create(url.replace("{id}", Projects.seededId(i).toString())));
      }
    } else {
      uris.add(URI.create(url));
    }
    AtomicLong next = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread th =
          new Thread(
              () -> {
                long i;
                while ((i = next.getAndIncrement()) < requests) {
                  try {
                    URI u = uris.get((int) (i % uris.size()));
                    if (Http.status(client, Http.get(u, headers)) != 200) {
                      errors.incrementAndGet();
                    }
                  } catch (Exception e) {
                    errors.incrementAndGet();
                  }
                }
              });
      th.start();
      threads.add(th);
    }
    for (Thread th : threads) {
      th.join();
    }
    return errors.get();
  }

  /** VmRSS and VmHWM of a process, in kB. */
  static long[] rss(long pid) throws IOException {
    long rss = 0;
    long hwm = 0;
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        rss = kb(line);
      } else if (line.startsWith("VmHWM:")) {
        hwm = kb(line);
      }
    }
    return new long[] {rss, hwm};
  }

  private static long kb(String line) {
    String[] parts = line.trim().split("\\s+");
    return Long.parseLong(parts[1]);
  }

  private static void stop(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(15, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(5, TimeUnit.SECONDS);
    }
  }

  static List<Long> sorted(List<Long> values) {
    List<Long> copy = new ArrayList<>(values);
    Collections.sort(copy);
    return copy;
  }
}
