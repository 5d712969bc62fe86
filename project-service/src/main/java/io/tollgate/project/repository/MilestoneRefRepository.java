package io.tollgate.project.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.tollgate.project.model.MilestoneRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class MilestoneRefRepository implements PanacheRepositoryBase<MilestoneRef, UUID> {

  /**
   * Whether a milestone of the project that is not deleted carries a planned value (in the budget's
   * currency).
   */
  public boolean anyValued(UUID projectId) {
    return count("projectId = ?1 and deleted = false and plannedValue is not null", projectId) > 0;
  }

  /** The project's milestones that are not deleted, by planned date. */
  public List<MilestoneRef> ofProject(UUID projectId) {
    return list(
        "projectId = ?1 and deleted = false", Sort.by("plannedDate").and("milestoneId"), projectId);
  }

  public List<MilestoneRef> ofProjects(Collection<UUID> projectIds) {
    if (projectIds.isEmpty()) {
      return List.of();
    }
    return list(
        "projectId in ?1 and deleted = false",
        Sort.by("plannedDate").and("milestoneId"),
        projectIds);
  }
}
