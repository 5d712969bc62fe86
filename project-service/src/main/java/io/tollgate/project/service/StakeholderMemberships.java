package io.tollgate.project.service;

import io.tollgate.project.repository.StakeholderRepository;
import io.tollgate.security.AccessRole;
import io.tollgate.security.ProjectMemberships;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** project-service's source of project access: its own stakeholders. */
@ApplicationScoped
public class StakeholderMemberships implements ProjectMemberships {

  private final StakeholderRepository stakeholders;

  StakeholderMemberships(StakeholderRepository stakeholders) {
    this.stakeholders = stakeholders;
  }

  @Override
  public Optional<AccessRole> accessRole(UUID projectId, String userId) {
    return stakeholders.member(projectId, userId).map(s -> s.accessRole);
  }
}
