package io.tollgate.milestone.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.tollgate.milestone.model.Milestone;
import io.tollgate.milestone.model.MilestoneKind;
import io.tollgate.milestone.model.MilestoneStatus;
import io.tollgate.milestone.model.Zone;
import io.tollgate.rest.Page;
import io.tollgate.rest.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class MilestoneRepository implements PanacheRepositoryBase<Milestone, UUID> {

  /** Days the forecast lies past the planned date, early counting 0 (Buffers.slipDays in SQL). */
  private static final String SLIP = "greatest(forecast_date - planned_date, 0)";

  /** Whether planned date plus buffer has passed on :today (Buffers.status in SQL). */
  private static final String PASSED = "planned_date + buffer_days < :today";

  /** What a list is narrowed to; an empty set means any. */
  public record Filter(
      Set<MilestoneStatus> statuses, Set<MilestoneKind> kinds, Set<Zone> zones, LocalDate today) {}

  /**
   * A project's milestones by planned date, name and id. Status and zone are derived from the
   * stored columns in the query itself (as Buffers derives them), so that pages and totals are
   * right.
   */
  @SuppressWarnings("unchecked")
  public Page<Milestone> ofProject(UUID projectId, Filter filter, PageRequest request) {
    List<String> clauses = new ArrayList<>();
    Map<String, Object> params = new HashMap<>();
    clauses.add("project_id = :projectId");
    params.put("projectId", projectId);
    if (!filter.kinds().isEmpty()) {
      clauses.add("kind in (:kinds)");
      params.put("kinds", filter.kinds().stream().map(Enum::name).toList());
    }
    if (!filter.statuses().isEmpty()) {
      List<String> any = new ArrayList<>();
      for (MilestoneStatus status : filter.statuses()) {
        any.add(
            switch (status) {
              case COMPLETED -> "actual_date is not null";
              case LATE -> "(actual_date is null and " + PASSED + ")";
              case IN_PROGRESS -> "(actual_date is null and not (" + PASSED + ") and started)";
              case PLANNED -> "(actual_date is null and not (" + PASSED + ") and not started)";
            });
      }
      clauses.add("(" + String.join(" or ", any) + ")");
      if (filter.statuses().stream().anyMatch(s -> s != MilestoneStatus.COMPLETED)) {
        params.put("today", filter.today());
      }
    }
    if (!filter.zones().isEmpty()) {
      List<String> any = new ArrayList<>();
      for (Zone zone : filter.zones()) {
        any.add(
            switch (zone) {
              case ON_TRACK -> "(" + SLIP + " = 0 or 3 * " + SLIP + " < buffer_days)";
              case AT_RISK ->
                  "("
                      + SLIP
                      + " > 0 and 3 * "
                      + SLIP
                      + " >= buffer_days and "
                      + SLIP
                      + " < buffer_days)";
              case OFF_TRACK -> "(" + SLIP + " > 0 and " + SLIP + " >= buffer_days)";
            });
      }
      clauses.add("(" + String.join(" or ", any) + ")");
    }
    String where = " where " + String.join(" and ", clauses);
    Query items =
        getEntityManager()
            .createNativeQuery(
                "select * from milestone"
                    + where
                    + " order by planned_date, name, id limit :limit offset :offset",
                Milestone.class);
    Query count = getEntityManager().createNativeQuery("select count(*) from milestone" + where);
    params.forEach(
        (name, value) -> {
          items.setParameter(name, value);
          count.setParameter(name, value);
        });
    items.setParameter("limit", request.size());
    items.setParameter("offset", request.offset());
    List<Milestone> list = items.getResultList();
    long total = ((Number) count.getSingleResult()).longValue();
    return Page.of(list, request, total);
  }

  /** The project a milestone belongs to, read without loading it (to lock the project first). */
  public Optional<UUID> projectOf(UUID milestoneId) {
    List<?> rows =
        getEntityManager()
            .createNativeQuery("select project_id from milestone where id = :id")
            .setParameter("id", milestoneId)
            .getResultList();
    return rows.isEmpty()
        ? Optional.empty()
        : Optional.of(UUID.fromString(String.valueOf(rows.get(0))));
  }
}
