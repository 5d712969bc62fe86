package io.tollgate.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tollgate.runtime.DevTokens;
import io.tollgate.runtime.KafkaBroker;
import io.tollgate.runtime.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Real PostgreSQL and Kafka for {@code @QuarkusTest}s: one of each per test JVM, started on first
 * use, shared by every Quarkus application the JVM starts (a test profile's restart included), and
 * stopped when the JVM exits. The four platform topics exist from the start.
 *
 * <p>Declare it once per module, on any one test class. {@code scope = GLOBAL} applies it to every
 * {@code @QuarkusTest} of the module, annotated or not, so they all share one Quarkus start (the
 * default scope, {@code MATCHING_RESOURCES}, would restart Quarkus for every class that does not
 * declare exactly the same resources):
 *
 * <pre>{@code
 * @QuarkusTest
 * @WithTestResource(
 *     value = TollgateInfrastructure.class,
 *     initArgs = @ResourceArg(name = "database", value = "project"),
 *     scope = TestResourceScope.GLOBAL)
 * class ProjectResourceTest { ... }
 * }</pre>
 *
 * <p>The {@code database} argument names the service's database, created when absent; without it no
 * datasource settings are returned (e.g. for the gateway). The returned configuration:
 *
 * <ul>
 *   <li>{@code quarkus.datasource.jdbc.url}, {@code quarkus.datasource.username}, {@code
 *       quarkus.datasource.password} (with a {@code database} argument);
 *   <li>{@code kafka.bootstrap.servers} and {@code
 *       mp.messaging.connector.smallrye-kafka.bootstrap.servers};
 *   <li>{@code mp.jwt.verify.publickey.location}, {@code mp.jwt.verify.issuer} and {@code
 *       mp.jwt.verify.audiences}, for tokens from {@link TestTokens}.
 * </ul>
 *
 * <p>Quarkus decides on Dev Services while it builds the test application, before any test resource
 * starts, so this module's {@code META-INF/microprofile-config.properties} sets {@code
 * quarkus.devservices.enabled=false} for the tests of every module that uses it.
 *
 * <p>External servers instead of the embedded ones, e.g. in a CI that provides them: {@code
 * TOLLGATE_TEST_JDBC_BASE} ({@code jdbc:postgresql://host:5432}, with {@code TOLLGATE_TEST_PG_USER}
 * and {@code TOLLGATE_TEST_PG_PASSWORD}) and {@code TOLLGATE_TEST_KAFKA_BOOTSTRAP} ({@code
 * host:9092}); each replaces its own server only.
 */
public class TollgateInfrastructure implements QuarkusTestResourceLifecycleManager {

  /** Init argument naming the database to create and configure. */
  public static final String DATABASE = "database";

  private String database;

  @Override
  public void init(Map<String, String> initArgs) {
    database = initArgs.get(DATABASE);
  }

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new HashMap<>();
    if (database != null && !database.isBlank()) {
      config.put("quarkus.datasource.jdbc.url", jdbcUrl(database));
      config.put("quarkus.datasource.username", postgresUsername());
      config.put("quarkus.datasource.password", postgresPassword());
    }
    String kafka = kafkaBootstrapServers();
    config.put("kafka.bootstrap.servers", kafka);
    config.put("mp.messaging.connector.smallrye-kafka.bootstrap.servers", kafka);
    // services verify tokens signed by the test issuer (TestTokens), as they would a real IdP's
    config.put("mp.jwt.verify.publickey.location", TestTokens.publicKeyLocation());
    config.put("mp.jwt.verify.issuer", DevTokens.ISSUER);
    config.put("mp.jwt.verify.audiences", DevTokens.AUDIENCE);
    return config;
  }

  @Override
  public void stop() {
    // the servers outlive each Quarkus application: a JVM shutdown hook stops them
  }

  /** JDBC URL of {@code database}, which is created when absent. */
  public static String jdbcUrl(String database) {
    Map<String, Object> shared = shared();
    String base = (String) shared.get(SharedInfrastructure.JDBC_BASE);
    PostgresServer.createDatabasesOn(base, postgresUsername(), postgresPassword(), database);
    return base + "/" + database;
  }

  public static String postgresUsername() {
    return (String) shared().get(SharedInfrastructure.PG_USER);
  }

  public static String postgresPassword() {
    return (String) shared().get(SharedInfrastructure.PG_PASSWORD);
  }

  public static String kafkaBootstrapServers() {
    return (String) shared().get(SharedInfrastructure.KAFKA_BOOTSTRAP);
  }

  /**
   * Whether the tests started the broker themselves, so that {@link #kafka()} can stop and start
   * it; false when Kafka is external ({@code TOLLGATE_TEST_KAFKA_BOOTSTRAP}). A test that needs to
   * stop the broker assumes this, and is skipped against an external one.
   */
  public static boolean kafkaIsOwn() {
    return shared().containsKey(SharedInfrastructure.KAFKA_STOP);
  }

  /**
   * The test broker, for tests that stop it and start it again (same port, same data) to prove that
   * nothing is lost while Kafka is down.
   *
   * @throws IllegalStateException when Kafka is external ({@code TOLLGATE_TEST_KAFKA_BOOTSTRAP});
   *     see {@link #kafkaIsOwn()}
   */
  public static KafkaBroker kafka() {
    Map<String, Object> shared = shared();
    if (!shared.containsKey(SharedInfrastructure.KAFKA_STOP)) {
      throw new IllegalStateException(
          "Kafka is external ("
              + SharedInfrastructure.ENV_KAFKA_BOOTSTRAP
              + "); tests cannot stop and start it");
    }
    return new SharedBroker(shared);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> shared() {
    Class<?> holder;
    try {
      // the system class loader's copy is the same for every Quarkus application of the JVM
      holder =
          Class.forName(
              SharedInfrastructure.class.getName(), true, ClassLoader.getSystemClassLoader());
    } catch (ClassNotFoundException e) {
      return SharedInfrastructure.get();
    }
    try {
      Method get = holder.getDeclaredMethod("get");
      get.setAccessible(true);
      return (Map<String, Object>) get.invoke(null);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The shared broker seen through JDK-typed handles, valid in any class loader. */
  private record SharedBroker(Map<String, Object> shared) implements KafkaBroker {

    @Override
    public void start() throws IOException {
      try {
        ((Runnable) shared.get(SharedInfrastructure.KAFKA_START)).run();
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }

    @Override
    public void stop() {
      ((Runnable) shared.get(SharedInfrastructure.KAFKA_STOP)).run();
    }

    @Override
    public boolean isRunning() {
      return ((BooleanSupplier) shared.get(SharedInfrastructure.KAFKA_RUNNING)).getAsBoolean();
    }

    @Override
    public String bootstrapServers() {
      return (String) shared.get(SharedInfrastructure.KAFKA_BOOTSTRAP);
    }

    @Override
    public void close() {
      // closing a handle must not stop the broker that other tests share
    }
  }
}
