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

  /**
   * A project's transitions, newest first; with {@code beforeVersion}, only those made before the
   * project reached that version (each transition raises it, so this pins the list). Newest by the
   * project version each one made, the order they were made in under the project's lock, not by
   * their clock readings, which come from whichever replica made them.
   */
  public Page<PhaseTransition> ofProject(UUID projectId, Long beforeVersion, PageRequest request) {
    Sort newestFirst = Sort.by("projectVersion").descending();
    var query =
        beforeVersion == null
            ? find("projectId", newestFirst, projectId)
            : find("projectId = ?1 and projectVersion < ?2", newestFirst, projectId, beforeVersion);
    return Page.of(query.page(request.page(), request.size()).list(), request, query.count());
  }

  public Optional<PhaseTransition> ofProject(UUID projectId, UUID transitionId) {
    return findByIdOptional(transitionId).filter(t -> t.projectId.equals(projectId));
  }
}
