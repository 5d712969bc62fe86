package io.tollgate.gateway.apikey;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Makes the gateway's own database usable: creates it when the server does not have it yet (the
 * local runtime creates only the services' databases) and applies the migrations.
 *
 * <p>Runs on a worker thread right after start-up, so neither a slow nor a missing database delays
 * the gateway: bearer-token traffic never needs it. Until it has succeeded, API-key requests try
 * again (at most every few seconds) and are answered 503 meanwhile.
 *
 * <p>Migrations are the {@code db/gateway/V<n>__<what>.sql} files listed in {@link #MIGRATIONS},
 * each applied once, in order, in one transaction with its {@code gateway_schema_version} row and
 * under an advisory lock, so concurrent instances apply each exactly once. Not Flyway, unlike the
 * services: for one table it is not worth the ~0.2 s its extension adds to every start of the
 * gateway, whose start-up time is benchmarked.
 */
@ApplicationScoped
class ApiKeyDatabase {

  private static final Logger LOG = Logger.getLogger(ApiKeyDatabase.class);
  private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/?]+)/([^/?]+)(\\?.*)?");
  private static final Pattern PLAIN_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  // 3D000 invalid_catalog_name: the database does not exist; 42P04: someone created it meanwhile
  private static final String NO_SUCH_DATABASE = "3D000";
  private static final String DUPLICATE_DATABASE = "42P04";

  /** The schema's migrations, oldest first; version n is {@code db/gateway/V<n>__*.sql}. */
  static final List<String> MIGRATIONS =
      List.of("db/gateway/V1__api_keys.sql", "db/gateway/V2__api_key_idempotency.sql");

  private static final Pattern MIGRATION = Pattern.compile("db/gateway/V(\\d+)__(\\w+)\\.sql");

  private final AgroalDataSource dataSource;
  private final Vertx vertx;
  private final String url;
  private final Optional<String> username;
  private final Optional<String> password;

  private volatile boolean ready;
  private long lastAttempt;
  private SQLException lastFailure;

  ApiKeyDatabase(
      AgroalDataSource dataSource,
      Vertx vertx,
      @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
      @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
      @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
    this.dataSource = dataSource;
    this.vertx = vertx;
    this.url = url;
    this.username = username;
    this.password = password;
  }

  void prepareInBackground(@Observes StartupEvent event) {
    vertx
        .executeBlocking(
            () -> {
              ensureReady();
              return null;
            },
            false)
        .onSuccess(v -> LOG.infof("API key store ready (%s)", withoutQuery(url)))
        .onFailure(
            e ->
                LOG.warnf(
                    "API key store not ready (%s): %s; API keys answer 503 until it is",
                    withoutQuery(url), e.getMessage()));
  }

  /** Creates and migrates the database unless done already; blocks. */
  void ensureReady() throws SQLException {
    if (ready) {
      return;
    }
    synchronized (this) {
      if (ready) {
        return;
      }
      long now = System.nanoTime();
      if (lastFailure != null && now - lastAttempt < RETRY_NANOS) {
        throw lastFailure;
      }
      lastAttempt = now;
      try {
        createIfMissing(url, username.orElse(null), password.orElse(null));
        try (Connection connection = dataSource.getConnection()) {
          migrate(connection);
        }
        ready = true;
        lastFailure = null;
      } catch (SQLException e) {
        lastFailure = e;
        throw e;
      } catch (RuntimeException e) {
        lastFailure = new SQLException(e.getMessage(), e);
        throw lastFailure;
      }
    }
  }

  /**
   * Creates the database named in a PostgreSQL JDBC URL when connecting to it says it does not
   * exist; needs the {@code CREATEDB} privilege only in that case.
   *
   * @return whether it was created
   */
  static boolean createIfMissing(String jdbcUrl, String username, String password)
      throws SQLException {
    Matcher parts = URL.matcher(jdbcUrl);
    if (!parts.matches()) {
      return false; // no database name to create (or not PostgreSQL): nothing to do here
    }
    Properties credentials = new Properties();
    if (username != null) {
      credentials.setProperty("user", username);
    }
    if (password != null) {
      credentials.setProperty("password", password);
    }
    // the driver directly: DriverManager refuses drivers from another class loader
    org.postgresql.Driver driver = new org.postgresql.Driver();
    try (Connection connection = driver.connect(jdbcUrl, credentials)) {
      return false;
    } catch (SQLException e) {
      if (!NO_SUCH_DATABASE.equals(e.getSQLState())) {
        throw e;
      }
    }
    String name = parts.group(2);
    if (!PLAIN_NAME.matcher(name).matches()) {
      throw new SQLException("will not create a database with the name '" + name + "'");
    }
    String query = parts.group(3) == null ? "" : parts.group(3);
    try (Connection connection = driver.connect(parts.group(1) + "/postgres" + query, credentials);
        PreparedStatement exists =
            connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, name);
      try (ResultSet rows = exists.executeQuery()) {
        if (rows.next()) {
          return false;
        }
      }
      try (Statement create = connection.createStatement()) {
        create.execute("CREATE DATABASE " + name);
        LOG.infof("Created database %s", name);
        return true;
      } catch (SQLException e) {
        if (DUPLICATE_DATABASE.equals(e.getSQLState())) {
          return false;
        }
        throw e;
      }
    }
  }

  /**
   * Applies the migrations the database has not seen yet.
   *
   * @return how many were applied
   */
  static int migrate(Connection connection) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      // one instance at a time; released with the transaction
      statement.execute("SELECT pg_advisory_xact_lock(hashtext('tollgate.gateway.schema'))");
      statement.execute(
          "CREATE TABLE IF NOT EXISTS gateway_schema_version (version integer PRIMARY KEY,"
              + " description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
      int current;
      try (ResultSet rows =
          statement.executeQuery("SELECT coalesce(max(version), 0) FROM gateway_schema_version")) {
        rows.next();
        current = rows.getInt(1);
      }
      int applied = 0;
      for (String resource : MIGRATIONS) {
        Matcher name = MIGRATION.matcher(resource);
        if (!name.matches()) {
          throw new IllegalStateException("not a migration name: " + resource);
        }
        int version = Integer.parseInt(name.group(1));
        if (version <= current) {
          continue;
        }
        statement.execute(script(resource)); // the simple query protocol runs all its statements
        try (PreparedStatement record =
            connection.prepareStatement(
                "INSERT INTO gateway_schema_version (version, description) VALUES (?, ?)")) {
          record.setInt(1, version);
          record.setString(2, name.group(2).replace('_', ' '));
          record.executeUpdate();
        }
        LOG.infof("Applied migration %s", resource);
        applied++;
      }
      connection.commit();
      return applied;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private static String script(String resource) {
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("migration " + resource + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String withoutQuery(String jdbcUrl) {
    int q = jdbcUrl.indexOf('?');
    return q < 0 ? jdbcUrl : jdbcUrl.substring(0, q); // a query may carry a password
  }
}
