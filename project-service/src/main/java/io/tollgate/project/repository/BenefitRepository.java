package io.tollgate.project.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.tollgate.project.model.Benefit;
import io.tollgate.rest.Page;
import io.tollgate.rest.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class BenefitRepository implements PanacheRepositoryBase<Benefit, UUID> {

  public Page<Benefit> ofProject(UUID projectId, PageRequest request) {
    var query = find("projectId", Sort.by("startDate").and("id"), projectId);
    return Page.of(query.page(request.page(), request.size()).list(), request, query.count());
  }

  public Optional<Benefit> ofProject(UUID projectId, UUID benefitId) {
    return findByIdOptional(benefitId).filter(b -> b.projectId.equals(projectId));
  }

  public List<Benefit> allOf(UUID projectId) {
    return list("projectId", Sort.by("startDate").and("id"), projectId);
  }

  public Optional<String> currencyOf(UUID projectId) {
    return find("projectId", projectId)
        .project(CostEntryRepository.CurrencyOnly.class)
        .firstResultOptional()
        .map(CostEntryRepository.CurrencyOnly::currency);
  }
}
