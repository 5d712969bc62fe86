package io.tollgate.milestone.repository;

import io.tollgate.rest.Page;
import io.tollgate.rest.PageRequest;
import io.tollgate.rest.PinnedPage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/**
 * The milestone_history table, through the session's own connection (its before and after are
 * jsonb, written from text), so rows are in the change's transaction.
 */
@ApplicationScoped
public class HistoryRepository {

  /** One row as stored; before and after are JSON text, null when absent. */
  public record Row(
      long seq,
      UUID milestoneId,
      UUID projectId,
      String action,
      String actor,
      UUID apiKeyId,
      OffsetDateTime occurredAt,
      String reason,
      String before,
      String after) {}

  private final EntityManager em;

  HistoryRepository(EntityManager em) {
    this.em = em;
  }

  /** Writes a row; its seq comes from the identity. */
  public void insert(
      UUID milestoneId,
      UUID projectId,
      String action,
      String actor,
      UUID apiKeyId,
      OffsetDateTime occurredAt,
      String reason,
      String before,
      String after) {
    em.unwrap(Session.class)
        .doWork(
            connection -> {
              try (PreparedStatement insert =
                  connection.prepareStatement(
                      "insert into milestone_history (milestone_id, project_id, action, actor,"
                          + " api_key_id, occurred_at, reason, before, after)"
                          + " values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb))")) {
                insert.setObject(1, milestoneId);
                insert.setObject(2, projectId);
                insert.setString(3, action);
                insert.setString(4, actor);
                insert.setObject(5, apiKeyId, Types.OTHER);
                insert.setObject(6, occurredAt);
                insert.setString(7, reason);
                insert.setString(8, before);
                insert.setString(9, after);
                insert.executeUpdate();
              }
            });
  }

  /**
   * A milestone's history, newest first, read under a pin: {@code before} when the client gives
   * one, else one past the newest entry, so that a walk through the pages sees the list as it was
   * when it began.
   */
  public PinnedPage<Row> ofMilestone(UUID milestoneId, Long before, PageRequest request) {
    return em.unwrap(Session.class)
        .doReturningWork(
            connection -> {
              Long pin = before;
              if (pin == null && request.page() > 0) {
                try (PreparedStatement newest =
                    connection.prepareStatement(
                        "select max(seq) from milestone_history where milestone_id = ?")) {
                  newest.setObject(1, milestoneId);
                  try (ResultSet rs = newest.executeQuery()) {
                    rs.next();
                    long max = rs.getLong(1);
                    pin = rs.wasNull() ? null : max + 1;
                  }
                }
              }
              String where = " where milestone_id = ?" + (pin == null ? "" : " and seq < ?");
              List<Row> rows = new ArrayList<>();
              try (PreparedStatement page =
                  connection.prepareStatement(
                      "select seq, milestone_id, project_id, action, actor, api_key_id,"
                          + " occurred_at, reason, before::text, after::text"
                          + " from milestone_history"
                          + where
                          + " order by seq desc limit ? offset ?")) {
                int i = 1;
                page.setObject(i++, milestoneId);
                if (pin != null) {
                  page.setLong(i++, pin);
                }
                page.setInt(i++, request.size());
                page.setInt(i, request.offset());
                try (ResultSet rs = page.executeQuery()) {
                  while (rs.next()) {
                    rows.add(
                        new Row(
                            rs.getLong(1),
                            rs.getObject(2, UUID.class),
                            rs.getObject(3, UUID.class),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getObject(6, UUID.class),
                            rs.getObject(7, OffsetDateTime.class),
                            rs.getString(8),
                            rs.getString(9),
                            rs.getString(10)));
                  }
                }
              }
              long total;
              try (PreparedStatement count =
                  connection.prepareStatement("select count(*) from milestone_history" + where)) {
                count.setObject(1, milestoneId);
                if (pin != null) {
                  count.setLong(2, pin);
                }
                try (ResultSet rs = count.executeQuery()) {
                  rs.next();
                  total = rs.getLong(1);
                }
              }
              if (pin == null && !rows.isEmpty()) {
                pin = rows.get(0).seq() + 1;
              }
              return new PinnedPage<>(Page.of(rows, request, total), pin);
            });
  }
}
