package io.tollgate.risk.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.tollgate.rest.Page;
import io.tollgate.rest.PageRequest;
import io.tollgate.risk.model.Risk;
import io.tollgate.risk.model.RiskCategory;
import io.tollgate.risk.model.RiskLevel;
import io.tollgate.risk.model.RiskStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class RiskRepository implements PanacheRepositoryBase<Risk, UUID> {

  /** What a list is narrowed to; an empty set means any. */
  public record Filter(
      Set<RiskStatus> statuses, Set<RiskLevel> levels, Set<RiskCategory> categories) {}

  /** A project's risks by score (highest first), then title, then id. */
  public Page<Risk> ofProject(UUID projectId, Filter filter, PageRequest request) {
    List<String> clauses = new ArrayList<>();
    Map<String, Object> params = new HashMap<>();
    clauses.add("projectId = :projectId");
    params.put("projectId", projectId);
    if (!filter.statuses().isEmpty()) {
      clauses.add("status in :statuses");
      params.put("statuses", filter.statuses());
    }
    if (!filter.levels().isEmpty()) {
      clauses.add("level in :levels");
      params.put("levels", filter.levels());
    }
    if (!filter.categories().isEmpty()) {
      clauses.add("category in :categories");
      params.put("categories", filter.categories());
    }
    var query = find(String.join(" and ", clauses) + " order by score desc, title, id", params);
    long total = query.count();
    return Page.of(
        query.page(io.quarkus.panache.common.Page.of(request.page(), request.size())).list(),
        request,
        total);
  }

  /** A project's open risks by score (highest first), then title, then id. */
  public List<Risk> openOf(UUID projectId) {
    return list(
        "projectId = ?1 and status = ?2 order by score desc, title, id",
        projectId,
        RiskStatus.OPEN);
  }

  /** The project a risk belongs to, read without loading it. */
  public Optional<UUID> projectOf(UUID riskId) {
    List<?> rows =
        getEntityManager()
            .createNativeQuery("select project_id from risk where id = :id")
            .setParameter("id", riskId)
            .getResultList();
    return rows.isEmpty()
        ? Optional.empty()
        : Optional.of(UUID.fromString(String.valueOf(rows.get(0))));
  }
}
