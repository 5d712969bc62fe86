package io.tollgate.project.service;

import io.tollgate.project.model.Kpi;
import io.tollgate.project.model.KpiMeasurement;
import io.tollgate.project.repository.KpiMeasurementRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Where KPIs stand as of a date, with one query for all of them. */
@ApplicationScoped
public class KpiStatuses {

  private final KpiMeasurementRepository measurements;

  KpiStatuses(KpiMeasurementRepository measurements) {
    this.measurements = measurements;
  }

  /** Each KPI's status from its measurements up to {@code asOf}, in the order given. */
  public Map<Kpi, Kpis.Status> of(Collection<Kpi> kpis, LocalDate asOf) {
    Map<UUID, List<Kpis.Measurement>> byKpi = new HashMap<>();
    for (KpiMeasurement m : measurements.upTo(kpis.stream().map(k -> k.id).toList(), asOf)) {
      byKpi
          .computeIfAbsent(m.kpiId, id -> new ArrayList<>())
          .add(new Kpis.Measurement(m.measuredOn, m.value));
    }
    Map<Kpi, Kpis.Status> statuses = new LinkedHashMap<>();
    for (Kpi k : kpis) {
      statuses.put(k, Kpis.evaluate(k.direction, k.target, byKpi.getOrDefault(k.id, List.of())));
    }
    return statuses;
  }
}
