package io.tollgate.project.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.tollgate.project.model.PhaseTransition;
import io.tollgate.rest.Page;
import io.tollgate.rest.PageRequest;
import io.tollgate.rest.PinnedPage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class PhaseTransitionRepository implements PanacheRepositoryBase<PhaseTransition, UUID> {

  /**
   * A project's transitions, newest first, read under a pin: only those made before the project
   * reached version {@code beforeVersion} (each transition raises it), else before one past the
   * newest transition's, so that a walk that starts on any page sees the list as it was when the
   * walk began. Newest by the project version each one made, the order they were made in under the
   * project's lock, not by their clock readings, which come from whichever replica made them.
   */
  public PinnedPage<PhaseTransition> ofProject(
      UUID projectId, Long beforeVersion, PageRequest request) {
    Long pin = beforeVersion;
    if (pin == null) {
      Long newest =
          getEntityManager()
              .createQuery(
                  "select max(projectVersion) from PhaseTransition where projectId = ?1",
                  Long.class)
              .setParameter(1, projectId)
              .getSingleResult();
      pin = newest == null ? null : newest + 1;
    }
    var query =
        find(
            "projectId = ?1 and projectVersion < ?2",
            Sort.by("projectVersion").descending(),
            projectId,
            pin == null ? Long.MAX_VALUE : pin);
    return new PinnedPage<>(
        Page.of(query.page(request.page(), request.size()).list(), request, query.count()), pin);
  }

  public Optional<PhaseTransition> ofProject(UUID projectId, UUID transitionId) {
    return findByIdOptional(transitionId).filter(t -> t.projectId.equals(projectId));
  }
}
