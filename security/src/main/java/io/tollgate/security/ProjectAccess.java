package io.tollgate.security;

import io.tollgate.rest.ProblemException;
import io.tollgate.rest.ProblemType;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Optional;
import java.util.UUID;

/**
 * Project-scoped authorization, decided in every service from its own data (not only at the
 * gateway). A caller who may not see a project gets 404 — its existence is not revealed; a caller
 * who may see it but whose role is too low gets 403.
 *
 * <ul>
 *   <li>read: any access role, or platform ADMIN / PMO;
 *   <li>write: EDITOR or OWNER, or ADMIN;
 *   <li>manage members, delete: OWNER, or ADMIN.
 * </ul>
 *
 * API-key callers are further limited by their key's scope (read-only) and project list.
 */
@RequestScoped
public class ProjectAccess {

  private final Caller caller;
  private final Instance<ProjectMemberships> memberships;

  ProjectAccess(Caller caller, Instance<ProjectMemberships> memberships) {
    this.caller = caller;
    this.memberships = memberships;
  }

  /** Whether the caller may see the project (used to filter lists). */
  public boolean canRead(UUID projectId) {
    if (!caller.allowsProject(projectId)) {
      return false;
    }
    return caller.readsAllProjects() || role(projectId).isPresent();
  }

  public void requireRead(UUID projectId) {
    if (!canRead(projectId)) {
      throw hidden(projectId);
    }
  }

  public void requireWrite(UUID projectId) {
    require(projectId, AccessRole.EDITOR);
  }

  public void requireOwner(UUID projectId) {
    require(projectId, AccessRole.OWNER);
  }

  private void require(UUID projectId, AccessRole needed) {
    requireRead(projectId);
    if (caller.readOnly()) {
      throw new ProblemException(
          ProblemType.FORBIDDEN,
          "this API key is read-only; it cannot change project " + projectId);
    }
    if (caller.isAdmin()) {
      return;
    }
    AccessRole actual = role(projectId).orElse(null);
    if (actual == null || !actual.atLeast(needed)) {
      throw new ProblemException(
          ProblemType.FORBIDDEN,
          "this needs access role "
              + needed
              + " on the project; you have "
              + (actual == null ? "read access only (" + caller.roles() + ")" : actual));
    }
  }

  private Optional<AccessRole> role(UUID projectId) {
    if (memberships.isUnsatisfied()) {
      throw new IllegalStateException("this service provides no ProjectMemberships bean");
    }
    return memberships.get().accessRole(projectId, caller.userId());
  }

  private static ProblemException hidden(UUID projectId) {
    return ProblemException.notFound("project", projectId);
  }
}
