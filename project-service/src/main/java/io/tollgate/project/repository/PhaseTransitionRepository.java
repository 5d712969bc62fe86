package io.tollgate.project.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.tollgate.project.model.PhaseTransition;
import io.tollgate.rest.Page;
import io.tollgate.rest.PageRequest;
import io.tollgate.rest.PinnedPage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
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
    if (pin == null && request.page() > 0) {
      // a walk that starts past the first page: pinned to the newest transition now
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
    List<PhaseTransition> items = query.page(request.page(), request.size()).list();
    if (pin == null && !items.isEmpty()) {
      // the first page's first transition is the newest: no query needed to pin it
      pin = items.get(0).projectVersion + 1;
    }
    return new PinnedPage<>(Page.of(items, request, query.count()), pin);
  }

  public Optional<PhaseTransition> ofProject(UUID projectId, UUID transitionId) {
    return findByIdOptional(transitionId).filter(t -> t.projectId.equals(projectId));
  }
}
