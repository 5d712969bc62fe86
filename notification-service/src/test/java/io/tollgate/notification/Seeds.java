package io.tollgate.notification;

import io.tollgate.testing.ProjectDirectoryEvents;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Rows the other parts of the service create (subscriptions, received events, deliveries), written
 * straight into the database so that the dispatcher and the delivery log can be tested on their
 * own.
 */
public final class Seeds {

  public static final ProjectDirectoryEvents DB = new ProjectDirectoryEvents("notification");

  private Seeds() {}

  public static String newSecret() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }

  /** A WEBHOOK subscription of {@code owner} to every project, immediate; its id. */
  public static UUID webhook(String owner, String url, String secret, boolean active)
      throws Exception {
    UUID id = UUID.randomUUID();
    DB.update(
        "insert into subscription (id, name, project_id, owner_id, channel, url, secret,"
            + " event_types, min_severity, audience, digest, active, created_at, updated_at,"
            + " version) values (?, 'Hooks test', null, ?, 'WEBHOOK', ?, ?, '{}', 'INFO',"
            + " 'TECHNICAL', 'IMMEDIATE', ?, now(), now(), 0)",
        id,
        owner,
        url,
        secret,
        active);
    return id;
  }

  /** A received event of {@code project} (may be null); its id. */
  public static String event(UUID project) throws Exception {
    String id = UUID.randomUUID().toString();
    UUID risk = UUID.randomUUID();
    String envelope =
        """
        {"specversion":"1.0","id":"%s","source":"/risk-service","type":"tollgate.risk.assessed.v1",\
        "subject":"%s","time":"2026-03-10T08:15:00Z","datacontenttype":"application/json",\
        "data":{"riskId":"%s","projectId":"%s","title":"Légacy CRM export ✓","level":"CRITICAL"}}"""
            .formatted(id, risk, risk, project);
    DB.update(
        "insert into notification_event (event_id, project_id, type, subject, severity,"
            + " occurred_at, received_at, envelope) values (?, ?, 'tollgate.risk.assessed.v1', ?,"
            + " 'CRITICAL', now(), now(), cast(? as jsonb))",
        id,
        project,
        risk.toString(),
        envelope);
    return id;
  }

  /** A delivery of the event to the subscription, due now, created at {@code createdAt}. */
  public static UUID delivery(
      UUID subscription, String eventId, UUID project, String status, Instant createdAt)
      throws Exception {
    UUID id = UUID.randomUUID();
    DB.update(
        "insert into delivery (id, subscription_id, event_id, project_id, event_type, status,"
            + " attempts, next_attempt_at, delivered_at, created_at, updated_at) values (?, ?, ?,"
            + " ?, 'tollgate.risk.assessed.v1', ?, 0, case when ? = 'PENDING' then now() end,"
            + " case when ? = 'DELIVERED' then now() end, ?, ?)",
        id,
        subscription,
        eventId,
        project,
        status,
        status,
        status,
        Timestamp.from(createdAt),
        Timestamp.from(createdAt));
    return id;
  }

  /** A new event and its PENDING delivery, due now. */
  public static UUID pending(UUID subscription, UUID project) throws Exception {
    return delivery(subscription, event(project), project, "PENDING", Instant.now());
  }

  public static String status(UUID delivery) throws Exception {
    return DB.query("select status from delivery where id = ?", delivery);
  }
}
