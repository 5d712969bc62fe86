package io.tollgate.project.mapping;

import io.tollgate.project.model.Kpi;
import io.tollgate.project.model.KpiMeasurement;
import io.tollgate.project.rest.KpiPatch;
import io.tollgate.project.rest.KpiStatusView;
import io.tollgate.project.rest.KpiView;
import io.tollgate.project.rest.MeasurementView;
import io.tollgate.project.service.Kpis;
import java.math.BigDecimal;

public final class KpiMapper {

  private KpiMapper() {}

  public static KpiView toView(Kpi k, Kpis.Status status) {
    return new KpiView(
        k.id,
        k.projectId,
        k.name,
        k.unit,
        plain(k.target),
        k.direction,
        k.description,
        status == null ? null : toStatus(k, status),
        k.createdAt,
        k.updatedAt,
        k.version);
  }

  public static KpiStatusView toStatus(Kpi k, Kpis.Status s) {
    return new KpiStatusView(
        k.id,
        k.name,
        k.unit,
        plain(k.target),
        k.direction,
        value(s.latest()),
        value(s.previous()),
        s.trend(),
        s.meetsTarget(),
        s.missedLastTwo(),
        s.consecutiveMisses(),
        s.measurements());
  }

  public static KpiPatch toPatchable(Kpi k) {
    return new KpiPatch(k.name, k.unit, k.target, k.direction, k.description);
  }

  public static MeasurementView toView(KpiMeasurement m, Kpi k) {
    return new MeasurementView(
        m.id,
        m.kpiId,
        m.measuredOn,
        plain(m.value),
        Kpis.meets(k.direction, k.target, m.value),
        m.note,
        m.recordedBy,
        m.recordedAt);
  }

  private static KpiStatusView.Value value(Kpis.Measurement m) {
    return m == null ? null : new KpiStatusView.Value(m.measuredOn(), plain(m.value()));
  }

  /** 99.950000 (as stored) is shown as 99.95, and 100.000000 as 100. */
  static BigDecimal plain(BigDecimal value) {
    if (value == null) {
      return null;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
