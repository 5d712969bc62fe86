package io.tollgate.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Projects and memberships as a service that keeps project-directory's read model learns them:
 * published on project.events, as project-service would, and waited for in the service's own
 * database ({@code project_ref}, {@code project_member}), so that a test starts once the service
 * would authorize its caller.
 */
public final class ProjectDirectoryEvents {

  private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis());
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(100);

  private final String database;

  /** For the service whose database is {@code database} (as given to TollgateInfrastructure). */
  public ProjectDirectoryEvents(String database) {
    this.database = database;
  }

  /** A project.events CloudEvent about a project, as project-service publishes it. */
  public static String projectEvent(
      String eventId, String type, UUID projectId, String name, long version) {
    return """
        {"specversion":"1.0","id":"%s","source":"/project-service","type":"%s","subject":"%s",
         "time":"2026-01-05T09:00:00Z","datacontenttype":"application/json",
         "data":{"projectId":"%s","key":"CRM","name":"%s","methodology":"AGILE",
                 "phase":"INITIATION","archived":false,"version":%d}}"""
        .formatted(eventId, type, projectId, projectId, name, version);
  }

  /** A project.events CloudEvent about a membership; a null {@code role} leaves accessRole out. */
  public static String memberEvent(
      String eventId, String type, UUID projectId, String user, String role, long sequence) {
    return """
        {"specversion":"1.0","id":"%s","source":"/project-service","type":"%s","subject":"%s",
         "time":"2026-01-05T09:00:00Z","datacontenttype":"application/json",
         "data":{"projectId":"%s","userId":"%s"%s,"sequence":%d}}"""
        .formatted(
            eventId,
            type,
            projectId,
            projectId,
            user,
            role == null ? "" : ",\"accessRole\":\"" + role + "\"",
            sequence);
  }

  /** A new project of which {@code owner} is OWNER, once the directory has both. */
  public String project(String owner) {
    UUID project = UUID.randomUUID();
    send(
        project,
        projectEvent(
            UUID.randomUUID().toString(), "tollgate.project.created.v1", project, "Plan", 0));
    member(project.toString(), owner, "OWNER");
    waitUntil(() -> query("select 1 from project_ref where project_id = ?", project) != null);
    return project.toString();
  }

  /** Gives {@code user} {@code role} (null: removes them) on the project, once applied. */
  public void member(String projectId, String user, String role) {
    UUID project = UUID.fromString(projectId);
    long sequence = SEQUENCE.incrementAndGet();
    send(
        project,
        memberEvent(
            UUID.randomUUID().toString(),
            role == null
                ? "tollgate.project.member-removed.v1"
                : "tollgate.project.member-added.v1",
            project,
            user,
            role == null ? "VIEWER" : role,
            sequence));
    waitUntil(
        () ->
            Objects.equals(
                String.valueOf(sequence),
                query(
                    "select last_sequence from project_member where project_id = ? and user_id = ?",
                    project,
                    user)));
  }

  /** Archives the project, once applied. */
  public void archive(String projectId) {
    UUID project = UUID.fromString(projectId);
    send(
        project,
        projectEvent(
                UUID.randomUUID().toString(), "tollgate.project.archived.v1", project, "Plan", 1)
            .replace("\"archived\":false", "\"archived\":true"));
    waitUntil(
        () ->
            "t"
                .equals(
                    query("select archived::text from project_ref where project_id = ?", project)
                        .substring(0, 1)));
  }

  /** The first column of the first row, as text, or null without a row. */
  public String query(String sql, Object... parameters) throws Exception {
    try (Connection connection = connect();
        PreparedStatement statement = prepare(connection, sql, parameters);
        ResultSet rs = statement.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /** Runs a change on the service's database, e.g. to age a row. */
  public void update(String sql, Object... parameters) throws Exception {
    try (Connection connection = connect();
        PreparedStatement statement = prepare(connection, sql, parameters)) {
      statement.executeUpdate();
    }
  }

  private Connection connect() throws Exception {
    return DriverManager.getConnection(
        TollgateInfrastructure.jdbcUrl(database),
        TollgateInfrastructure.postgresUsername(),
        TollgateInfrastructure.postgresPassword());
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
      throws Exception {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
    return statement;
  }

  private static void send(UUID project, String event) {
    try (EventPublisher publisher = EventPublisher.create()) {
      publisher.send(
          "project.events",
          project.toString(),
          event,
          Map.of("content-type", "application/cloudevents+json"));
    }
  }

  /** Polls until the condition holds (an exception it throws fails at once), for WAIT at most. */
  private static void waitUntil(Callable<Boolean> condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    try {
      while (!condition.call()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the service's directory did not apply the event in " + WAIT);
        }
        Thread.sleep(POLL.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for the directory", e);
    } catch (RuntimeException | AssertionError e) {
      throw e;
    } catch (Exception e) {
      throw new AssertionError("the directory could not be read", e);
    }
  }
}
