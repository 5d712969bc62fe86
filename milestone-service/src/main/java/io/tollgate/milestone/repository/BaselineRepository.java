package io.tollgate.milestone.repository;

import io.tollgate.rest.Page;
import io.tollgate.rest.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/** The milestone_baseline table: every baseline a milestone had, oldest first. */
@ApplicationScoped
public class BaselineRepository {

  public record Row(LocalDate plannedDate, String reason, OffsetDateTime takenAt, String takenBy) {}

  private final EntityManager em;

  BaselineRepository(EntityManager em) {
    this.em = em;
  }

  /** Writes a baseline of a milestone, which is flushed first (the row references it). */
  public void insert(
      UUID milestoneId,
      LocalDate plannedDate,
      String reason,
      OffsetDateTime takenAt,
      String takenBy,
      UUID apiKeyId) {
    em.flush();
    em.unwrap(Session.class)
        .doWork(
            connection -> {
              try (PreparedStatement insert =
                  connection.prepareStatement(
                      "insert into milestone_baseline (milestone_id, planned_date, reason,"
                          + " taken_at, taken_by, api_key_id) values (?, ?, ?, ?, ?, ?)")) {
                insert.setObject(1, milestoneId);
                insert.setObject(2, plannedDate);
                insert.setString(3, reason);
                insert.setObject(4, takenAt);
                insert.setString(5, takenBy);
                insert.setObject(6, apiKeyId, Types.OTHER);
                insert.executeUpdate();
              }
            });
  }

  public Page<Row> ofMilestone(UUID milestoneId, PageRequest request) {
    return em.unwrap(Session.class)
        .doReturningWork(
            connection -> {
              List<Row> rows = new ArrayList<>();
              try (PreparedStatement page =
                  connection.prepareStatement(
                      "select planned_date, reason, taken_at, taken_by from milestone_baseline"
                          + " where milestone_id = ? order by seq limit ? offset ?")) {
                page.setObject(1, milestoneId);
                page.setInt(2, request.size());
                page.setInt(3, request.offset());
                try (ResultSet rs = page.executeQuery()) {
                  while (rs.next()) {
                    rows.add(
                        new Row(
                            rs.getObject(1, LocalDate.class),
                            rs.getString(2),
                            rs.getObject(3, OffsetDateTime.class),
                            rs.getString(4)));
                  }
                }
              }
              long total;
              try (PreparedStatement count =
                  connection.prepareStatement(
                      "select count(*) from milestone_baseline where milestone_id = ?")) {
                count.setObject(1, milestoneId);
                try (ResultSet rs = count.executeQuery()) {
                  rs.next();
                  total = rs.getLong(1);
                }
              }
              return Page.of(rows, request, total);
            });
  }
}
