package io.tollgate.project.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.tollgate.project.model.CostCategory;
import io.tollgate.project.model.CostEntry;
import io.tollgate.rest.Page;
import io.tollgate.rest.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class CostEntryRepository implements PanacheRepositoryBase<CostEntry, UUID> {

  /** What a ledger page can be narrowed to; {@code null} means "any". */
  public record Filter(CostCategory category, LocalDate from, LocalDate to) {}

  /** The ledger by date, oldest first. */
  public Page<CostEntry> ofProject(UUID projectId, Filter filter, PageRequest request) {
    List<String> clauses = new ArrayList<>();
    Parameters params = Parameters.with("projectId", projectId);
    clauses.add("projectId = :projectId");
    if (filter.category() != null) {
      clauses.add("category = :category");
      params.and("category", filter.category());
    }
    if (filter.from() != null) {
      clauses.add("date >= :from");
      params.and("from", filter.from());
    }
    if (filter.to() != null) {
      clauses.add("date <= :to");
      params.and("to", filter.to());
    }
    var query = find(String.join(" and ", clauses), Sort.by("date").and("id"), params);
    return Page.of(query.page(request.page(), request.size()).list(), request, query.count());
  }

  public Optional<CostEntry> ofProject(UUID projectId, UUID entryId) {
    return findByIdOptional(entryId).filter(e -> e.projectId.equals(projectId));
  }

  public List<CostEntry> allOf(UUID projectId) {
    return list("projectId", Sort.by("date").and("id"), projectId);
  }

  /** Actual cost by {@code asOf} per project (projects without costs are absent). */
  public Map<UUID, BigDecimal> actualCosts(Collection<UUID> projectIds, LocalDate asOf) {
    Map<UUID, BigDecimal> sums = new HashMap<>();
    if (projectIds.isEmpty()) {
      return sums;
    }
    getEntityManager()
        .createQuery(
            "select e.projectId, sum(e.amount) from CostEntry e"
                + " where e.projectId in :ids and e.date <= :asOf group by e.projectId",
            Object[].class)
        .setParameter("ids", projectIds)
        .setParameter("asOf", asOf)
        .getResultList()
        .forEach(row -> sums.put((UUID) row[0], (BigDecimal) row[1]));
    return sums;
  }

  /** For each project with costs, the currency they are in. */
  public Map<UUID, String> currencies(Collection<UUID> projectIds) {
    Map<UUID, String> currencies = new HashMap<>();
    if (projectIds.isEmpty()) {
      return currencies;
    }
    getEntityManager()
        .createQuery(
            "select distinct e.projectId, e.currency from CostEntry e where e.projectId in :ids",
            Object[].class)
        .setParameter("ids", projectIds)
        .getResultList()
        .forEach(row -> currencies.put((UUID) row[0], (String) row[1]));
    return currencies;
  }

  /** A currency any of the project's entries is in, if it has entries. */
  public Optional<String> currencyOf(UUID projectId) {
    return find("projectId", projectId)
        .project(CurrencyOnly.class)
        .firstResultOptional()
        .map(CurrencyOnly::currency);
  }

  /** Projection of an entry's currency. */
  public record CurrencyOnly(String currency) {}
}
