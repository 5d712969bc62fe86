package io.tollgate.project.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.tollgate.project.model.Stakeholder;
import io.tollgate.project.model.StakeholderRole;
import io.tollgate.rest.Page;
import io.tollgate.rest.PageRequest;
import io.tollgate.security.AccessRole;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class StakeholderRepository implements PanacheRepositoryBase<Stakeholder, UUID> {

  /** What a stakeholder list can be narrowed to; {@code null} means "any". */
  public record Filter(StakeholderRole role, AccessRole accessRole, String userId) {}

  public Page<Stakeholder> ofProject(UUID projectId, Filter filter, PageRequest request) {
    List<String> clauses = new ArrayList<>();
    Parameters params = Parameters.with("projectId", projectId);
    clauses.add("projectId = :projectId");
    if (filter.role() != null) {
      clauses.add("role = :role");
      params.and("role", filter.role());
    }
    if (filter.accessRole() != null) {
      clauses.add("accessRole = :accessRole");
      params.and("accessRole", filter.accessRole());
    }
    if (filter.userId() != null) {
      clauses.add("userId = :userId");
      params.and("userId", filter.userId());
    }
    var query = find(String.join(" and ", clauses), Sort.by("name").and("id"), params);
    return Page.of(query.page(request.page(), request.size()).list(), request, query.count());
  }

  public Optional<Stakeholder> ofProject(UUID projectId, UUID stakeholderId) {
    return findByIdOptional(stakeholderId).filter(s -> s.projectId.equals(projectId));
  }

  public Optional<Stakeholder> member(UUID projectId, String userId) {
    return find("projectId = ?1 and userId = ?2", projectId, userId).firstResultOptional();
  }

  public long owners(UUID projectId) {
    return count("projectId = ?1 and accessRole = ?2", projectId, AccessRole.OWNER);
  }
}
