package io.tollgate.risk;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.config.HeaderConfig;
import io.restassured.specification.RequestSpecification;
import io.tollgate.testing.EventPublisher;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Projects and memberships as risk-service learns them: published on project.events, as
 * project-service would, and waited for in the service's directory (its own database).
 */
final class Directory {

  private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis());
  private static final Duration WAIT = Duration.ofSeconds(30);

  private Directory() {}

  /** A request as {@code user} with platform {@code roles}, instead of the default caller. */
  static RequestSpecification as(String user, String... roles) {
    return given()
        .config(
            RestAssured.config()
                .headerConfig(
                    HeaderConfig.headerConfig().overwriteHeadersWithName("Authorization")))
        .header("Authorization", TestTokens.bearer(user, roles));
  }

  /** A new project of which {@code owner} is OWNER, once the directory has both. */
  static String project(String owner) {
    UUID project = UUID.randomUUID();
    send(
        project,
        event(UUID.randomUUID().toString(), "tollgate.project.created.v1", project, "Plan", 0));
    member(project.toString(), owner, "OWNER");
    await()
        .atMost(WAIT)
        .until(() -> query("select 1 from project_ref where project_id = ?", project) != null);
    return project.toString();
  }

  /** Gives {@code user} {@code role} (null: removes them) on the project, once applied. */
  static void member(String projectId, String user, String role) {
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
    await()
        .atMost(WAIT)
        .until(
            () ->
                Objects.equals(
                    String.valueOf(sequence),
                    query(
                        "select last_sequence from project_member where project_id = ? and"
                            + " user_id = ?",
                        project,
                        user)));
  }

  /** Archives the project, once applied. */
  static void archive(String projectId) {
    UUID project = UUID.fromString(projectId);
    send(
        project,
        event(UUID.randomUUID().toString(), "tollgate.project.archived.v1", project, "Plan", 1)
            .replace("\"archived\":false", "\"archived\":true"));
    await()
        .atMost(WAIT)
        .until(
            () ->
                "t"
                    .equals(
                        query(
                                "select archived::text from project_ref where project_id = ?",
                                project)
                            .substring(0, 1)));
  }

  static String event(String eventId, String type, UUID projectId, String name, long version) {
    return """
        {"specversion":"1.0","id":"%s","source":"/project-service","type":"%s","subject":"%s",
         "time":"2026-01-05T09:00:00Z","datacontenttype":"application/json",
         "data":{"projectId":"%s","key":"CRM","name":"%s","methodology":"AGILE",
                 "phase":"INITIATION","archived":false,"version":%d}}"""
        .formatted(eventId, type, projectId, projectId, name, version);
  }

  static String memberEvent(
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

  /** Runs a change on the service's database, e.g. to age an assessment. */
  static void update(String sql, Object... parameters) throws Exception {
    try (Connection connection =
            DriverManager.getConnection(
                TollgateInfrastructure.jdbcUrl("risk"),
                TollgateInfrastructure.postgresUsername(),
                TollgateInfrastructure.postgresPassword());
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      statement.executeUpdate();
    }
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

  /** The first column of the first row, as text, or null without a row. */
  static String query(String sql, Object... parameters) throws Exception {
    try (Connection connection =
            DriverManager.getConnection(
                TollgateInfrastructure.jdbcUrl("risk"),
                TollgateInfrastructure.postgresUsername(),
                TollgateInfrastructure.postgresPassword());
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }
}
