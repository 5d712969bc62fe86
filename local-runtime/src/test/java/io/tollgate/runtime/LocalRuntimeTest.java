package io.tollgate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the launcher's runtime process as the launcher does: a separate JVM, stopped by SIGTERM. */
class LocalRuntimeTest {

  @Test
  void startsBothServersWritesTheirCoordinatesAndStopsOnSigterm(@TempDir Path dir)
      throws Exception {
    int pgPort = Ports.freePort();
    int kafkaPort = Ports.freePort();
    Process runtime = launch(dir, pgPort, kafkaPort);
    try {
      List<String> output = readUntilReady(runtime);
      assertEquals("READY", output.get(output.size() - 1), String.join("\n", output));

      Properties env = new Properties();
      env.load(Files.newBufferedReader(dir.resolve("runtime.env")));
      assertEquals(
          "jdbc:postgresql://localhost:" + pgPort, env.getProperty("TOLLGATE_PG_JDBC_BASE"));
      assertEquals("localhost:" + kafkaPort, env.getProperty("KAFKA_BOOTSTRAP_SERVERS"));
      for (String database : LocalRuntime.DATABASES) {
        try (Connection c =
                DriverManager.getConnection(
                    env.getProperty("TOLLGATE_PG_JDBC_BASE") + "/" + database,
                    env.getProperty("TOLLGATE_PG_USER"),
                    env.getProperty("TOLLGATE_PG_PASSWORD"));
            ResultSet rows = c.createStatement().executeQuery("SELECT current_database()")) {
          rows.next();
          assertEquals(database, rows.getString(1));
        }
      }
      try (Admin admin =
          Admin.create(
              Map.of(
                  AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                  env.getProperty("KAFKA_BOOTSTRAP_SERVERS")))) {
        Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
        assertTrue(topics.containsAll(LocalRuntime.TOPICS), topics.toString());
      }

      runtime.destroy();
      assertTrue(runtime.waitFor(60, TimeUnit.SECONDS), "LocalRuntime did not stop on SIGTERM");
      assertFalse(Files.exists(dir.resolve("runtime.env")));
      assertTrue(Ports.isFree(pgPort), "PostgreSQL still listens");
      assertTrue(Ports.isFree(kafkaPort), "Kafka still listens");
    } finally {
      runtime.destroyForcibly();
    }
  }

  @Test
  void reportsAPortInUseInOneLineWithExitCode2(@TempDir Path dir) throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      Process runtime = launch(dir, Ports.freePort(), taken.getLocalPort());

      String output = new String(runtime.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertTrue(runtime.waitFor(30, TimeUnit.SECONDS));
      assertEquals(2, runtime.exitValue());
      assertEquals(
          "port "
              + taken.getLocalPort()
              + " (Kafka) is already in use; choose a free one with --kafka-port"
              + " (./tollgate: set TOLLGATE_KAFKA_PORT)",
          output.trim());
    }
  }

  @Test
  void refusesOnePortForBothServersWithExitCode2(@TempDir Path dir) throws Exception {
    int port = Ports.freePort();
    Process runtime = launch(dir, port, port);

    String output = new String(runtime.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertTrue(runtime.waitFor(30, TimeUnit.SECONDS));
    assertEquals(2, runtime.exitValue(), output);
    assertEquals(
        "LocalRuntime: --pg-port and --kafka-port are both "
            + port
            + "; PostgreSQL and Kafka need a port each (./tollgate: set TOLLGATE_PG_PORT or"
            + " TOLLGATE_KAFKA_PORT)",
        output.trim());
    assertTrue(Ports.isFree(port), "nothing was started on it");
  }

  private static Process launch(Path dir, int pgPort, int kafkaPort) throws IOException {
    // the build's tmpdir (target/tmp) may not exist yet in a fresh clone, and JDK 21+ then starts
    // the child with a warning on its output, before the one line it is asked for
    Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
            "-cp",
            ForkedKafkaBroker.childClasspath(),
            LocalRuntime.class.getName(),
            "--dir",
            dir.toString(),
            "--pg-port",
            String.valueOf(pgPort),
            "--kafka-port",
            String.valueOf(kafkaPort))
        .redirectErrorStream(true)
        .start();
  }

  private static List<String> readUntilReady(Process runtime) throws Exception {
    List<String> lines = new ArrayList<>();
    CompletableFuture<Void> ready =
        CompletableFuture.runAsync(
            () -> {
              try {
                BufferedReader reader =
                    new BufferedReader(
                        new InputStreamReader(runtime.getInputStream(), StandardCharsets.UTF_8));
                String line;
                while ((line = reader.readLine()) != null) {
                  lines.add(line);
                  if (line.equals("READY")) {
                    return;
                  }
                }
              } catch (IOException e) {
                lines.add(e.toString());
              }
            });
    ready.get(120, TimeUnit.SECONDS);
    return lines;
  }
}
