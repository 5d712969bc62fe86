package io.tollgate.project.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.tollgate.project.model.PhaseTransition;
import io.tollgate.rest.Page;
import io.tollgate.rest.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class PhaseTransitionRepository implements PanacheRepositoryBase<PhaseTransition, UUID> {

  /** A project's transitions, newest first. */
  public Page<PhaseTransition> ofProject(UUID projectId, PageRequest request) {
    var query =
        find("projectId", Sort.by("occurredAt").descending().and("id").descending(), projectId);
    return Page.of(query.page(request.page(), request.size()).list(), request, query.count());
  }

  public Optional<PhaseTransition> ofProject(UUID projectId, UUID transitionId) {
    return findByIdOptional(transitionId).filter(t -> t.projectId.equals(projectId));
  }
}
