package io.tollgate.directory;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** Queries over this service's read model of projects. */
@ApplicationScoped
public class ProjectDirectory implements PanacheRepositoryBase<ProjectRef, UUID> {

  /** The project, if this service has heard of it and it is not archived. */
  public Optional<ProjectRef> active(UUID projectId) {
    return findByIdOptional(projectId).filter(p -> !p.archived);
  }
}
