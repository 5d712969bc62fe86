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

  /**
   * Each KPI's status from its measurements up to {@code asOf}, in the order given. As of today
   * (UTC) or later that is every measurement taken so far, those dated today where the day starts
   * first included ({@link KpiService#latestDay()}), so that the KPI itself, the health and the
   * analytics agree the moment one is recorded.
   */
  public Map<Kpi, Kpis.Status> of(Collection<Kpi> kpis, LocalDate asOf) {
    LocalDate upTo =
        asOf.isBefore(AnalyticsService.today()) || asOf.isAfter(KpiService.latestDay())
            ? asOf
            : KpiService.latestDay();
    Map<UUID, List<Kpis.Measurement>> byKpi = new HashMap<>();
    for (KpiMeasurement m : measurements.upTo(kpis.stream().map(k -> k.id).toList(), upTo)) {
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
