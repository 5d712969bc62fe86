package io.tollgate.security;

import java.util.Optional;
import java.util.UUID;

/**
 * Who may see a project, as this service knows it: project-service from its stakeholders, every
 * other service from its read model of membership events. Each service provides one bean.
 */
public interface ProjectMemberships {

  /** The user's access role on the project; empty when not a member or the project is unknown. */
  Optional<AccessRole> accessRole(UUID projectId, String userId);
}
