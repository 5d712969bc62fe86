package io.tollgate.project.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.tollgate.project.model.RiskRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class RiskRefRepository implements PanacheRepositoryBase<RiskRef, UUID> {

  /** The project's open risks. */
  public List<RiskRef> openOfProject(UUID projectId) {
    return list("projectId = ?1 and status <> ?2", Sort.by("riskId"), projectId, RiskRef.CLOSED);
  }

  public List<RiskRef> openOfProjects(Collection<UUID> projectIds) {
    if (projectIds.isEmpty()) {
      return List.of();
    }
    return list("projectId in ?1 and status <> ?2", projectIds, RiskRef.CLOSED);
  }
}
