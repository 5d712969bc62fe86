package io.tollgate.notification;

import io.tollgate.testing.ProjectDirectoryEvents;
import java.util.UUID;

/**
 * Subscriptions written straight into the service's database, as the subscriptions API would store
 * them, so that fan-out is tested on its own.
 */
public final class Subscriptions {

  private final ProjectDirectoryEvents db;

  public Subscriptions(ProjectDirectoryEvents db) {
    this.db = db;
  }

  /** A subscription as a row; fields have defaults, set what the test is about. */
  public final class Row {
    final UUID id = UUID.randomUUID();
    String owner;
    String platformRole;
    String projectId;
    String channel = "INBOX";
    String types = "";
    String minSeverity = "INFO";
    String audience = "BUSINESS";
    String digest = "IMMEDIATE";
    String url;
    boolean active = true;

    Row(String owner, String projectId) {
      this.owner = owner;
      this.projectId = projectId;
    }

    /** The owner subscribed with platform role ADMIN or PMO. */
    public Row as(String platformRole) {
      this.platformRole = platformRole;
      return this;
    }

    /** Comma-separated exact types or families. */
    public Row types(String types) {
      this.types = types;
      return this;
    }

    public Row min(String severity) {
      this.minSeverity = severity;
      return this;
    }

    public Row audience(String audience) {
      this.audience = audience;
      return this;
    }

    public Row webhook(String url) {
      this.channel = "WEBHOOK";
      this.url = url;
      return this;
    }

    public Row email(String digest) {
      this.channel = "EMAIL";
      this.digest = digest;
      return this;
    }

    public Row inactive() {
      this.active = false;
      return this;
    }

    public UUID save() {
      try {
        db.update(
            "insert into subscription (id, name, project_id, owner_id, owner_platform_role,"
                + " channel, url, email, secret, event_types, min_severity, audience, digest,"
                + " active, created_at, updated_at, version) values (?, 'test', ?, ?, ?, ?, ?, ?,"
                + " ?, coalesce(string_to_array(nullif(?, ''), ','), '{}')::varchar[], ?, ?, ?, ?,"
                + " clock_timestamp(), clock_timestamp(), 0)",
            id,
            projectId == null ? null : UUID.fromString(projectId),
            owner,
            platformRole,
            channel,
            url,
            channel.equals("EMAIL") ? owner + "@example.com" : null,
            channel.equals("WEBHOOK") ? "whsec_dGVzdA==" : null,
            types,
            minSeverity,
            audience,
            digest,
            active);
      } catch (Exception e) {
        throw new AssertionError("cannot store a subscription", e);
      }
      return id;
    }
  }

  /** An INBOX subscription of {@code owner} to the project (null: every project). */
  public Row of(String owner, String projectId) {
    return new Row(owner, projectId);
  }
}
