package io.tollgate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerTest {

  /**
   * The PostgreSQL binaries are x86-64 only (Maven Central has no arm64 build of this PostgreSQL
   * 14): a failure on another architecture says so, and what to do; on x86-64 it is not the reason.
   */
  @Test
  void aFailureOnAMachineWithoutOurBinariesSaysWhy() {
    assertEquals(null, PostgresServer.architectureLimit("amd64"));
    assertEquals(null, PostgresServer.architectureLimit("x86_64"));
    String limit = PostgresServer.architectureLimit("aarch64");
    assertTrue(limit.contains("built for x86-64, and this JVM runs on aarch64"), limit);
    assertTrue(limit.contains("emulation"), limit);
    assertTrue(limit.contains("docs/adr/0002-local-runtime.md"), limit);
  }

  @Test
  void answersSqlInTheDatabasesItCreated() throws Exception {
    try (PostgresServer pg = PostgresServer.builder().databases("alpha", "beta").start()) {
      assertEquals("alpha", queryString(pg, "alpha", "SELECT current_database()"));
      assertEquals("beta", queryString(pg, "beta", "SELECT current_database()"));

      pg.createDatabases("alpha", "gamma");

      assertEquals("gamma", queryString(pg, "gamma", "SELECT current_database()"));
    }
  }

  @Test
  void keepsDataInAGivenDirectoryAcrossRestarts(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("postgres");
    try (PostgresServer pg =
        PostgresServer.builder().dataDirectory(data).databases("project").start()) {
      execute(pg, "project", "CREATE TABLE note (text varchar(20))");
      execute(pg, "project", "INSERT INTO note VALUES ('kept')");
    }

    try (PostgresServer pg =
        PostgresServer.builder().dataDirectory(data).databases("project").start()) {
      assertEquals("kept", queryString(pg, "project", "SELECT text FROM note"));
    }
  }

  /**
   * After a crash the data keeps a postmaster.pid naming a process that is gone or, later, some
   * other process that got its number: the server starts all the same. One naming a PostgreSQL
   * server that still runs on the data is refused with its pid.
   */
  @Test
  void aLockLeftByACrashIsClearedButARunningServersIsNot(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("postgres");
    try (PostgresServer pg = PostgresServer.builder().dataDirectory(data).start()) {
      String running = Files.readAllLines(data.resolve("postmaster.pid")).get(0);
      IOException refused =
          assertThrows(IOException.class, () -> PostgresServer.clearStaleLock(data));
      assertTrue(refused.getMessage().contains("PostgreSQL (pid " + running + ") still runs"));
    }
    for (String stale : List.of(Long.toString(ProcessHandle.current().pid()), "999999999", "")) {
      Files.writeString(data.resolve("postmaster.pid"), stale + "\n");
      try (PostgresServer pg =
          PostgresServer.builder().dataDirectory(data).databases("project").start()) {
        assertEquals("project", queryString(pg, "project", "SELECT current_database()"));
      }
    }
  }

  @Test
  void refusesAPortInUseNamingIt() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      PortInUseException e =
          assertThrows(
              PortInUseException.class,
              () -> PostgresServer.builder().port(taken.getLocalPort()).start());

      assertEquals(
          "port " + taken.getLocalPort() + " (PostgreSQL) is already in use", e.getMessage());
    }
  }

  private static Connection connect(PostgresServer pg, String database) throws SQLException {
    return DriverManager.getConnection(pg.jdbcUrl(database), pg.username(), pg.password());
  }

  private static void execute(PostgresServer pg, String database, String sql) throws SQLException {
    try (Connection c = connect(pg, database);
        Statement statement = c.createStatement()) {
      statement.execute(sql);
    }
  }

  private static String queryString(PostgresServer pg, String database, String sql)
      throws SQLException {
    try (Connection c = connect(pg, database);
        Statement statement = c.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
