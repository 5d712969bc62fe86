package io.tollgate.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The local platform's infrastructure in one process: a PostgreSQL with one database per service
 * and a Kafka broker with the platform's topics. Started by the {@code tollgate} launcher.
 *
 * <pre>
 * java -cp ... io.tollgate.runtime.LocalRuntime [--dir .tollgate] [--pg-port 15432] [--kafka-port 19092]
 * </pre>
 *
 * <p>Writes {@code <dir>/runtime.env} (shell-sourceable coordinates), prints {@code READY}, and
 * runs until SIGTERM or Ctrl-C, then stops both servers cleanly. Exit code 2 for a usage error (one
 * port for both servers among them) or a port in use.
 */
public final class LocalRuntime {

  /** One database per service that keeps data. */
  public static final List<String> DATABASES =
      List.of("project", "milestone", "risk", "notification");

  /** One topic per producing service. */
  public static final List<String> TOPICS =
      List.of("project.events", "milestone.events", "risk.events", "notification.events");

  public static final int DEFAULT_PG_PORT = 15432;
  public static final int DEFAULT_KAFKA_PORT = 19092;

  private LocalRuntime() {}

  public static void main(String[] args) {
    // before any logger exists, so that libraries log through our quiet configuration
    System.setProperty("log4j2.configurationFile", "io/tollgate/runtime/runtime-log4j2.properties");
    Path dir = Path.of(".tollgate");
    int pgPort = DEFAULT_PG_PORT;
    int kafkaPort = DEFAULT_KAFKA_PORT;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--dir" -> dir = Path.of(value(args, ++i));
          case "--pg-port" -> pgPort = Integer.parseInt(value(args, ++i));
          case "--kafka-port" -> kafkaPort = Integer.parseInt(value(args, ++i));
          case "-h", "--help" -> {
            System.out.println(
                "usage: LocalRuntime [--dir DIR] [--pg-port PORT] [--kafka-port PORT]");
            return;
          }
          default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
        }
      }
      if (pgPort == kafkaPort && pgPort != 0) {
        // the second server would fail to start, or a client would reach the first for both
        throw new IllegalArgumentException(
            "--pg-port and --kafka-port are both "
                + pgPort
                + "; PostgreSQL and Kafka need a port each (./tollgate: set TOLLGATE_PG_PORT or"
                + " TOLLGATE_KAFKA_PORT)");
      }
    } catch (IllegalArgumentException e) {
      System.err.println("LocalRuntime: " + e.getMessage());
      System.exit(2);
    }
    try {
      run(dir.toAbsolutePath(), pgPort, kafkaPort);
    } catch (PortInUseException e) {
      System.err.println(portHint(e));
      System.exit(2);
    } catch (IOException e) {
      System.err.println("LocalRuntime failed: " + e.getMessage());
      System.exit(1);
    } catch (Exception e) {
      System.err.println("LocalRuntime failed: " + e.getMessage());
      e.printStackTrace();
      System.exit(1);
    }
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static void run(Path dir, int pgPort, int kafkaPort) throws Exception {
    // both checked before either starts, so that a conflict leaves nothing half-running
    Ports.requireFree(pgPort, PostgresServer.NAME);
    Ports.requireFree(kafkaPort, KafkaBroker.NAME);
    Path env = dir.resolve("runtime.env");
    Files.createDirectories(dir.resolve("logs"));
    Files.deleteIfExists(env);

    long started = System.nanoTime();
    KafkaBroker kafka =
        KafkaBroker.builder()
            .port(kafkaPort)
            .workDirectory(dir.resolve("kafka"))
            .logFile(dir.resolve("logs").resolve("kafka.log"))
            .build();
    // the broker's JVM boots while PostgreSQL starts here
    Thread kafkaStarter = new Thread(() -> startQuietly(kafka), "kafka-start");
    kafkaStarter.start();
    PostgresServer postgres;
    try {
      postgres =
          PostgresServer.builder()
              .port(pgPort)
              .dataDirectory(dir.resolve("postgres"))
              .logFile(dir.resolve("logs").resolve("postgres.log"))
              .databases(DATABASES.toArray(String[]::new))
              .start();
    } catch (IOException | RuntimeException e) {
      kafkaStarter.join();
      kafka.stop();
      throw e;
    }
    kafkaStarter.join();
    if (!kafka.isRunning()) {
      postgres.close();
      throw new IOException("Kafka did not start; see " + dir.resolve("logs").resolve("kafka.log"));
    }

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("stopping Kafka and PostgreSQL");
                  kafka.stop();
                  postgres.close();
                  try {
                    Files.deleteIfExists(env);
                  } catch (IOException e) {
                    // the launcher overwrites a stale file on the next start
                  }
                  System.out.println("stopped");
                  stopped.countDown();
                },
                "local-runtime-stop"));

    kafka.createTopics(TOPICS.toArray(String[]::new));
    writeEnv(env, postgres, kafka);
    System.out.printf(
        "PostgreSQL %s (databases %s), Kafka %s (topics %s), up in %d ms%n",
        postgres.jdbcBase(),
        String.join(", ", DATABASES),
        kafka.bootstrapServers(),
        String.join(", ", TOPICS),
        (System.nanoTime() - started) / 1_000_000);
    System.out.println("READY");
    System.out.flush();
    stopped.await();
  }

  /**
   * The message of a port in use, with the option that chooses another and the launcher's variable
   * that sets it: whoever reads it is told what to change.
   */
  static String portHint(PortInUseException e) {
    boolean postgres = PostgresServer.NAME.equals(e.owner());
    return "%s; choose a free one with %s (./tollgate: set %s)"
        .formatted(
            e.getMessage(),
            postgres ? "--pg-port" : "--kafka-port",
            postgres ? "TOLLGATE_PG_PORT" : "TOLLGATE_KAFKA_PORT");
  }

  private static void startQuietly(KafkaBroker kafka) {
    try {
      kafka.start();
    } catch (PortInUseException e) {
      System.err.println(portHint(e));
    } catch (IOException | RuntimeException e) {
      System.err.println("Kafka failed to start: " + e.getMessage());
    }
  }

  private static void writeEnv(Path env, PostgresServer postgres, KafkaBroker kafka)
      throws IOException {
    String content =
        "# written by LocalRuntime; removed when it stops\n"
            + "TOLLGATE_PG_JDBC_BASE="
            + postgres.jdbcBase()
            + "\n"
            + "TOLLGATE_PG_USER="
            + postgres.username()
            + "\n"
            + "TOLLGATE_PG_PASSWORD="
            + postgres.password()
            + "\n"
            + "KAFKA_BOOTSTRAP_SERVERS="
            + kafka.bootstrapServers()
            + "\n";
    Path tmp = env.resolveSibling(env.getFileName() + ".tmp");
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    // readers never see a half-written file
    Files.move(tmp, env, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
