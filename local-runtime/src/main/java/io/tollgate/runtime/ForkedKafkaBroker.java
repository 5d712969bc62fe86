package io.tollgate.runtime;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** A {@link KafkaBroker} that runs {@link KafkaServerMain} in a child JVM. */
final class ForkedKafkaBroker implements KafkaBroker {

  static final String CLASSPATH_RESOURCE = "META-INF/tollgate/runtime-classpath.txt";
  private static final String LOG_CONFIG = "io/tollgate/runtime/kafka-log4j2.properties";

  private final int port;
  private int controllerPort;
  private final Path workDirectory;
  private final Path logFile;
  private final Path outputFile;
  private final String maxHeap;
  private final Duration startupTimeout;
  private Process process;

  ForkedKafkaBroker(
      int port, Path workDirectory, Path logFile, String maxHeap, Duration startupTimeout)
      throws IOException {
    this.port = port == 0 ? Ports.freePort() : port;
    this.controllerPort = Ports.freePort();
    this.workDirectory = workDirectory != null ? workDirectory : TempDirs.create("tollgate-kafka");
    this.logFile = logFile != null ? logFile : this.workDirectory.resolve("broker.log");
    this.outputFile = this.workDirectory.resolve("broker.out");
    this.maxHeap = maxHeap;
    this.startupTimeout = startupTimeout;
  }

  @Override
  public synchronized void start() throws IOException {
    if (isRunning()) {
      return;
    }
    Ports.requireFree(port, NAME);
    if (!Ports.isFree(controllerPort)) {
      // only the client port is promised to stay the same; the controller's is internal
      controllerPort = Ports.freePort();
    }
    Files.createDirectories(workDirectory);
    Files.createDirectories(logFile.getParent());
    Path config = writeServerProperties();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + maxHeap);
    command.add("-XX:+UseSerialGC");
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.add("-Djava.awt.headless=true");
    command.add("-Dlog4j2.configurationFile=" + LOG_CONFIG);
    command.add("-Dtollgate.kafka.log=" + logFile.toAbsolutePath());
    command.add("-cp");
    command.add(childClasspath());
    command.add(KafkaServerMain.class.getName());
    command.add(config.toString());
    process =
        new ProcessBuilder(command)
            .directory(workDirectory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile.toFile()))
            .start();
    try {
      awaitReady();
    } catch (IOException | RuntimeException e) {
      stop();
      throw e;
    }
  }

  private Path writeServerProperties() throws IOException {
    Properties config = new Properties();
    config.putAll(
        Map.ofEntries(
            Map.entry("process.roles", "broker,controller"),
            Map.entry("node.id", "1"),
            Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
            Map.entry(
                "listeners",
                "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
            Map.entry("advertised.listeners", "PLAINTEXT://localhost:" + port),
            Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
            Map.entry("controller.listener.names", "CONTROLLER"),
            Map.entry("inter.broker.listener.name", "PLAINTEXT"),
            Map.entry("log.dirs", workDirectory.resolve("data").toAbsolutePath().toString()),
            Map.entry("num.partitions", String.valueOf(PARTITIONS)),
            Map.entry("auto.create.topics.enable", "true"),
            Map.entry("offsets.topic.replication.factor", "1"),
            // the defaults (50) make the first consumer group or transaction wait for 50 partitions
            Map.entry("offsets.topic.num.partitions", "5"),
            Map.entry("transaction.state.log.num.partitions", "5"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("share.coordinator.state.topic.num.partitions", "5"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            Map.entry("group.initial.rebalance.delay.ms", "0")));
    Path file = workDirectory.resolve("server.properties");
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      config.store(writer, "written by " + getClass().getName() + " on every start");
    }
    return file;
  }

  private void awaitReady() throws IOException {
    long deadline = System.nanoTime() + startupTimeout.toNanos();
    // a plain TCP probe first: an Admin client would log a warning for every refused connection
    while (!accepts(port)) {
      checkAlive();
      if (System.nanoTime() > deadline) {
        throw new IOException("Kafka broker did not open port " + port + " in time" + diagnosis());
      }
      sleep(100);
    }
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000);
    try (Admin admin = KafkaClients.admin(config)) {
      while (true) {
        checkAlive();
        try {
          // an unfenced broker is listed only once it can serve produce and consume requests
          if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (Exception e) {
          if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for Kafka", e);
          }
        }
        if (System.nanoTime() > deadline) {
          throw new IOException("Kafka broker did not become ready in time" + diagnosis());
        }
        sleep(100);
      }
    }
  }

  private void checkAlive() throws IOException {
    if (!process.isAlive()) {
      throw new IOException("Kafka broker exited with code " + process.exitValue() + diagnosis());
    }
  }

  private String diagnosis() {
    return "; see " + logFile + " and " + outputFile + tail(outputFile) + tail(logFile);
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      List<String> last = lines.subList(Math.max(0, lines.size() - 15), lines.size());
      return last.isEmpty() ? "" : "\n--- " + file.getFileName() + "\n" + String.join("\n", last);
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void sleep(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for Kafka", e);
    }
  }

  /** This module's classes plus its dependencies as resolved by the build. */
  static String childClasspath() throws IOException {
    ClassLoader loader = ForkedKafkaBroker.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(CLASSPATH_RESOURCE)) {
      if (in == null) {
        throw new IOException(CLASSPATH_RESOURCE + " is missing: build local-runtime with Maven");
      }
      String dependencies = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      return ownLocation() + File.pathSeparator + dependencies;
    }
  }

  private static String ownLocation() throws IOException {
    String resource = ForkedKafkaBroker.class.getName().replace('.', '/') + ".class";
    URL url = ForkedKafkaBroker.class.getClassLoader().getResource(resource);
    if (url == null) {
      throw new IOException("cannot locate " + resource);
    }
    String spec = url.toString();
    try {
      if (spec.startsWith("jar:")) {
        // jar:file:/path/local-runtime.jar!/io/tollgate/...
        return Path.of(URI.create(spec.substring(4, spec.indexOf("!/")))).toString();
      }
      // file:/path/target/classes/io/tollgate/runtime/ForkedKafkaBroker.class
      Path classFile = Path.of(url.toURI());
      Path root = classFile;
      for (int i = 0; i < resource.split("/").length; i++) {
        root = root.getParent();
      }
      return root.toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IOException("cannot turn " + spec + " into a class path entry", e);
    }
  }

  @Override
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    Process child = process;
    process = null;
    try {
      try {
        // end of input is the child's signal to shut down cleanly (see KafkaServerMain)
        OutputStream stdin = child.getOutputStream();
        stdin.close();
      } catch (IOException e) {
        child.destroy();
      }
      if (!child.waitFor(60, TimeUnit.SECONDS)) {
        child.destroy();
        if (!child.waitFor(10, TimeUnit.SECONDS)) {
          child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      child.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  @Override
  public String bootstrapServers() {
    return "localhost:" + port;
  }

  @Override
  public String toString() {
    return "Kafka broker at " + bootstrapServers() + " in " + workDirectory;
  }
}
