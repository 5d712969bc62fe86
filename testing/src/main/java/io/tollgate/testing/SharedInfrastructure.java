package io.tollgate.testing;

import io.tollgate.runtime.KafkaBroker;
import io.tollgate.runtime.LocalRuntime;
import io.tollgate.runtime.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The one PostgreSQL and the one Kafka broker of a test JVM.
 *
 * <p>{@link TollgateInfrastructure} reaches this class through the system class loader, so that
 * every Quarkus application of the JVM (each has its own class loaders) sees the same servers. For
 * the same reason the state is handed out as a map of JDK types only.
 */
final class SharedInfrastructure {

  static final String JDBC_BASE = "jdbc.base";
  static final String PG_USER = "pg.user";
  static final String PG_PASSWORD = "pg.password";
  static final String KAFKA_BOOTSTRAP = "kafka.bootstrap";
  // present only when the broker is ours, i.e. not external
  static final String KAFKA_START = "kafka.start";
  static final String KAFKA_STOP = "kafka.stop";
  static final String KAFKA_RUNNING = "kafka.running";

  static final String ENV_JDBC_BASE = "TOLLGATE_TEST_JDBC_BASE";
  static final String ENV_PG_USER = "TOLLGATE_TEST_PG_USER";
  static final String ENV_PG_PASSWORD = "TOLLGATE_TEST_PG_PASSWORD";
  static final String ENV_KAFKA_BOOTSTRAP = "TOLLGATE_TEST_KAFKA_BOOTSTRAP";

  private static Map<String, Object> state;

  private SharedInfrastructure() {}

  /** Starts the servers on first call; later calls return the same state. */
  static synchronized Map<String, Object> get() {
    if (state == null) {
      state = start();
    }
    return state;
  }

  private static Map<String, Object> start() {
    Map<String, Object> started = new HashMap<>();
    String externalKafka = blankToNull(System.getenv(ENV_KAFKA_BOOTSTRAP));
    KafkaBroker kafka = externalKafka == null ? buildBroker() : null;
    // the broker's JVM boots while PostgreSQL starts in this one
    Thread kafkaStarter = new Thread(() -> startBroker(kafka), "tollgate-test-kafka-start");
    if (kafka != null) {
      kafkaStarter.start();
    }
    PostgresServer postgres = null;
    String externalJdbc = blankToNull(System.getenv(ENV_JDBC_BASE));
    try {
      if (externalJdbc == null) {
        postgres = PostgresServer.builder().start();
        started.put(JDBC_BASE, postgres.jdbcBase());
        started.put(PG_USER, postgres.username());
        started.put(PG_PASSWORD, postgres.password());
      } else {
        started.put(JDBC_BASE, externalJdbc.replaceAll("/+$", ""));
        started.put(PG_USER, Objects.requireNonNullElse(System.getenv(ENV_PG_USER), "postgres"));
        started.put(
            PG_PASSWORD, Objects.requireNonNullElse(System.getenv(ENV_PG_PASSWORD), "postgres"));
      }
    } catch (IOException e) {
      join(kafkaStarter);
      if (kafka != null) {
        kafka.stop();
      }
      throw new UncheckedIOException("cannot start PostgreSQL for the tests", e);
    }
    join(kafkaStarter);
    PostgresServer ownPostgres = postgres;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  // in parallel: build tools give a finishing test JVM limited time to exit
                  Thread kafkaStopper = new Thread(() -> stopBroker(kafka));
                  kafkaStopper.start();
                  if (ownPostgres != null) {
                    ownPostgres.close();
                  }
                  join(kafkaStopper);
                },
                "tollgate-test-infrastructure-stop"));
    if (kafka != null) {
      if (!kafka.isRunning()) {
        throw new IllegalStateException("Kafka did not start for the tests: " + kafka);
      }
      started.put(KAFKA_BOOTSTRAP, kafka.bootstrapServers());
      started.put(
          KAFKA_START,
          (Runnable)
              () -> {
                try {
                  kafka.start();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      started.put(KAFKA_STOP, (Runnable) kafka::stop);
      started.put(KAFKA_RUNNING, (BooleanSupplier) kafka::isRunning);
    } else {
      started.put(KAFKA_BOOTSTRAP, externalKafka);
    }
    KafkaBroker.createTopicsOn(
        (String) started.get(KAFKA_BOOTSTRAP), LocalRuntime.TOPICS.toArray(String[]::new));
    return Map.copyOf(started);
  }

  private static KafkaBroker buildBroker() {
    try {
      return KafkaBroker.builder().build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void startBroker(KafkaBroker kafka) {
    try {
      kafka.start();
    } catch (IOException | RuntimeException e) {
      // reported by the caller, which finds the broker not running
      System.err.println("Kafka failed to start for the tests: " + e.getMessage());
    }
  }

  private static void stopBroker(KafkaBroker kafka) {
    if (kafka != null) {
      kafka.stop();
    }
  }

  private static void join(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
