package io.tollgate.notification.service;

import io.tollgate.eventing.CloudEvent;
import io.tollgate.notification.model.Audience;
import io.tollgate.notification.model.Channel;
import io.tollgate.notification.model.Digest;
import io.tollgate.notification.model.Severity;
import io.tollgate.notification.model.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.query.NativeQuery;

/**
 * Hands one event to every subscription it reaches (ADR 0026), in the transaction that records the
 * event in the inbox, so that a redelivered event, which finds its inbox row, changes nothing. An
 * event reaches an active subscription when its project matches (or the subscription has none), its
 * type matches (exactly, by a family such as {@code tollgate.risk.*}, or the subscription names
 * none), its severity reaches the minimum, and the owner may read the project right now: a member
 * in the directory, or subscribed as ADMIN or PMO.
 *
 * <p>One indexed query per event decides it; only when something matched is the event stored
 * (once), with a delivery per WEBHOOK or EMAIL subscription and one inbox notification per owner,
 * each unique in the database, however many of the owner's subscriptions matched.
 */
@ApplicationScoped
public class FanOut {

  private static final String MATCHING =
      "select * from subscription s"
          + " where s.active"
          + " and (s.project_id = :project or s.project_id is null)"
          + " and (cardinality(s.event_types) = 0 or s.event_types && cast(:patterns as varchar[]))"
          + " and s.min_severity in (:severities)"
          + " and (s.owner_platform_role in ('ADMIN', 'PMO')"
          + "   or exists (select 1 from project_member m where m.project_id = :project"
          + "     and m.user_id = s.owner_id and m.access_role is not null))"
          + " order by s.created_at, s.id";

  private static final UUID NO_PROJECT = new UUID(0, 0);

  private final EntityManager em;
  private final EventTexts eventTexts;

  FanOut(EntityManager em, EventTexts eventTexts) {
    this.em = em;
    this.eventTexts = eventTexts;
  }

  /**
   * @param event the accepted event
   * @param envelope the record's value as received, kept as the body of its deliveries
   * @return how many subscriptions it reached
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public int fanOut(CloudEvent event, String envelope) {
    UUID project = projectOf(event);
    Severity severity = Severities.of(event);
    @SuppressWarnings("unchecked")
    List<Subscription> matches =
        em.createNativeQuery(MATCHING, Subscription.class)
            // an event without a project (none today) reaches only every-project subscriptions of
            // ADMIN and PMO: the nil id is no project and has no member
            .setParameter("project", project == null ? NO_PROJECT : project)
            .setParameter("patterns", patterns(event.type()))
            .setParameter("severities", reached(severity))
            .getResultList();
    if (matches.isEmpty()) {
      return 0;
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    typed(
            "insert into notification_event (event_id, project_id, type, subject, severity,"
                + " occurred_at, received_at, envelope) values (:id, :project, :type, :subject,"
                + " :severity, :occurred, :received, cast(:envelope as jsonb))"
                + " on conflict (event_id) do nothing")
        .setParameter("id", event.id())
        .setParameter("project", project, UUID.class)
        .setParameter("type", event.type())
        .setParameter("subject", event.subject())
        .setParameter("severity", severity.name())
        .setParameter("occurred", event.time(), OffsetDateTime.class)
        .setParameter("received", now)
        .setParameter("envelope", envelope)
        .executeUpdate();
    Map<Audience, Messages.Text> texts = new EnumMap<>(Audience.class);
    Messages.ProjectName name = null;
    Set<String> notified = new HashSet<>();
    for (Subscription s : matches) {
      if (s.channel == Channel.INBOX) {
        if (!notified.add(s.ownerId)) {
          continue; // one notification per owner and event
        }
        if (name == null) {
          name = eventTexts.projectName(project);
        }
        Messages.ProjectName known = name;
        Messages.Text text = texts.computeIfAbsent(s.audience, a -> Messages.of(event, known, a));
        notify(s, event, project, severity, text, now);
      } else {
        deliver(s, event, project, now);
      }
    }
    return matches.size();
  }

  private void notify(
      Subscription s,
      CloudEvent event,
      UUID project,
      Severity severity,
      Messages.Text text,
      OffsetDateTime now) {
    typed(
            "insert into notification (id, user_id, subscription_id, event_id, project_id,"
                + " event_type, severity, title, message, created_at) values (:id, :user,"
                + " :subscription, :event, :project, :type, :severity, :title, :message, :now)"
                + " on conflict (user_id, event_id) do nothing")
        .setParameter("id", UUID.randomUUID())
        .setParameter("user", s.ownerId)
        .setParameter("subscription", s.id)
        .setParameter("event", event.id())
        .setParameter("project", project, UUID.class)
        .setParameter("type", event.type())
        .setParameter("severity", severity.name())
        .setParameter("title", text.title())
        .setParameter("message", text.message())
        .setParameter("now", now)
        .executeUpdate();
  }

  private void deliver(Subscription s, CloudEvent event, UUID project, OffsetDateTime now) {
    NativeQuery<?> insert =
        typed(
            "insert into delivery (id, subscription_id, event_id, project_id, event_type, status,"
                + " attempts, next_attempt_at, created_at, updated_at) values (:id, :subscription,"
                + " :event, :project, :type, 'PENDING', 0, :due, :now, :now)"
                + " on conflict (subscription_id, event_id) do nothing");
    insert
        .setParameter("id", UUID.randomUUID())
        .setParameter("subscription", s.id)
        .setParameter("event", event.id())
        .setParameter("project", project, UUID.class)
        .setParameter("type", event.type())
        .setParameter("due", due(s, now))
        .setParameter("now", now)
        .executeUpdate();
  }

  /** A native statement whose parameters may be bound with their type (a null project, time). */
  private NativeQuery<?> typed(String sql) {
    return em.createNativeQuery(sql).unwrap(NativeQuery.class);
  }

  /**
   * When a delivery is first due: at once, or for an e-mail digest at the next full hour (HOURLY)
   * or the next midnight UTC (DAILY), when the e-mail sender gathers what is due.
   */
  static OffsetDateTime due(Subscription s, OffsetDateTime now) {
    if (s.channel != Channel.EMAIL || s.digest == null || s.digest == Digest.IMMEDIATE) {
      return now;
    }
    OffsetDateTime utc = now.withOffsetSameInstant(ZoneOffset.UTC);
    return s.digest == Digest.HOURLY
        ? utc.truncatedTo(ChronoUnit.HOURS).plusHours(1)
        : utc.truncatedTo(ChronoUnit.DAYS).plusDays(1);
  }

  /**
   * The subscription patterns that name {@code type}: itself and every family above it, e.g. for
   * {@code tollgate.risk.assessed.v1}: {@code tollgate.risk.assessed.*}, {@code tollgate.risk.*}
   * and {@code tollgate.*}, as a PostgreSQL array literal.
   */
  static String patterns(String type) {
    List<String> patterns = new ArrayList<>();
    patterns.add(type);
    int dot = type.lastIndexOf('.');
    while (dot > 0) {
      patterns.add(type.substring(0, dot) + ".*");
      dot = type.lastIndexOf('.', dot - 1);
    }
    StringBuilder literal = new StringBuilder("{");
    for (int i = 0; i < patterns.size(); i++) {
      // quoted, with backslashes and quotes escaped, as an array literal's elements are
      literal
          .append(i == 0 ? "" : ",")
          .append('"')
          .append(patterns.get(i).replace("\\", "\\\\").replace("\"", "\\\""))
          .append('"');
    }
    return literal.append('}').toString();
  }

  /** The minimum severities an event of {@code severity} reaches. */
  static List<String> reached(Severity severity) {
    List<String> names = new ArrayList<>();
    for (Severity minimum : Severity.values()) {
      if (severity.reaches(minimum)) {
        names.add(minimum.name());
      }
    }
    return names;
  }

  /** The project every Tollgate event's data names; null for one that names none. */
  static UUID projectOf(CloudEvent event) {
    String id = event.data() == null ? null : Messages.text(event.data(), "projectId");
    if (id == null) {
      return null;
    }
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
