package io.tollgate.project.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.tollgate.project.model.KpiMeasurement;
import io.tollgate.rest.Page;
import io.tollgate.rest.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class KpiMeasurementRepository implements PanacheRepositoryBase<KpiMeasurement, UUID> {

  /** Measurements in time order: by date, then by when they were recorded. */
  public static final Sort CHRONOLOGICAL = Sort.by("measuredOn").and("recordedAt").and("id");

  public Page<KpiMeasurement> ofKpi(UUID kpiId, LocalDate from, LocalDate to, PageRequest request) {
    List<String> clauses = new ArrayList<>();
    Parameters params = Parameters.with("kpiId", kpiId);
    clauses.add("kpiId = :kpiId");
    if (from != null) {
      clauses.add("measuredOn >= :from");
      params.and("from", from);
    }
    if (to != null) {
      clauses.add("measuredOn <= :to");
      params.and("to", to);
    }
    var query = find(String.join(" and ", clauses), CHRONOLOGICAL, params);
    return Page.of(query.page(request.page(), request.size()).list(), request, query.count());
  }

  /** The measurements of the given KPIs taken up to {@code asOf}, in time order. */
  public List<KpiMeasurement> upTo(Collection<UUID> kpiIds, LocalDate asOf) {
    if (kpiIds.isEmpty()) {
      return List.of();
    }
    return list("kpiId in ?1 and measuredOn <= ?2", CHRONOLOGICAL, kpiIds, asOf);
  }

  public long deleteOf(UUID kpiId) {
    return delete("kpiId", kpiId);
  }
}
