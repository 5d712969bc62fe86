package io.tollgate.project.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.tollgate.project.model.Kpi;
import io.tollgate.rest.Page;
import io.tollgate.rest.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class KpiRepository implements PanacheRepositoryBase<Kpi, UUID> {

  public Page<Kpi> ofProject(UUID projectId, PageRequest request) {
    var query = find("projectId", Sort.by("name").and("id"), projectId);
    return Page.of(query.page(request.page(), request.size()).list(), request, query.count());
  }

  public List<Kpi> allOf(UUID projectId) {
    return list("projectId", Sort.by("name").and("id"), projectId);
  }

  public List<Kpi> allOf(Collection<UUID> projectIds) {
    // the order of allOf(projectId), so a project's health reads the same in the portfolio
    return projectIds.isEmpty()
        ? List.of()
        : list("projectId in ?1", Sort.by("name").and("id"), projectIds);
  }

  public Optional<Kpi> ofProject(UUID projectId, UUID kpiId) {
    return findByIdOptional(kpiId).filter(k -> k.projectId.equals(projectId));
  }

  public boolean nameTaken(UUID projectId, String name, UUID except) {
    return count(
            // lower() on both sides, as the unique index (project_id, lower(name)) folds it: Java's
            // folding differs from the database's for some letters (the dotted capital I)
            "projectId = ?1 and lower(name) = lower(?2) and id <> ?3",
            projectId,
            name,
            except == null ? new UUID(0, 0) : except)
        > 0;
  }
}
