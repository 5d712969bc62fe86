package io.tollgate.directory;

import io.tollgate.security.AccessRole;
import io.tollgate.security.ProjectMemberships;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Optional;
import java.util.UUID;

/** Memberships from this service's read model; a member of an unknown project sees nothing. */
@ApplicationScoped
public class DirectoryMemberships implements ProjectMemberships {

  private final EntityManager em;

  DirectoryMemberships(EntityManager em) {
    this.em = em;
  }

  @Override
  public Optional<AccessRole> accessRole(UUID projectId, String userId) {
    ProjectMember member = em.find(ProjectMember.class, new ProjectMember.Id(projectId, userId));
    // a removed member's row stays without a role (see ProjectMember), which maps to empty
    return Optional.ofNullable(member).map(m -> m.accessRole);
  }
}
