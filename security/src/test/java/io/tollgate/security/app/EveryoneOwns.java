package io.tollgate.security.app;

import io.tollgate.security.AccessRole;
import io.tollgate.security.ProjectMemberships;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** Every caller owns every project: what limits a caller in these tests is their token alone. */
@ApplicationScoped
public class EveryoneOwns implements ProjectMemberships {

  @Override
  public Optional<AccessRole> accessRole(UUID projectId, String userId) {
    return Optional.of(AccessRole.OWNER);
  }
}
