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

  /**
   * The order health reasons name risks in: the worst first, then by title; the same on every read
   * whatever order the risks arrived in.
   */
  private static final Sort NAMED =
      Sort.by("score", Sort.Direction.Descending).and("title").and("riskId");

  /** The project's open risks. */
  public List<RiskRef> openOfProject(UUID projectId) {
    return list("projectId = ?1 and status <> ?2", NAMED, projectId, RiskRef.CLOSED);
  }

  public List<RiskRef> openOfProjects(Collection<UUID> projectIds) {
    if (projectIds.isEmpty()) {
      return List.of();
    }
    return list("projectId in ?1 and status <> ?2", NAMED, projectIds, RiskRef.CLOSED);
  }
}
