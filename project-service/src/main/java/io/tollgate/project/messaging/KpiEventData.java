package io.tollgate.project.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.tollgate.project.rest.KpiView;
import io.tollgate.project.rest.MeasurementView;
import java.util.List;

/**
 * The {@code data} of {@code tollgate.project.kpi-defined|kpi-changed|kpi-removed|kpi-measured|
 * kpi-measurement-removed.v1}: the project snapshot and the KPI as the API shows it, where it
 * stands after the change (as it was, on a removal). Schema: {@code
 * asyncapi/schemas/project-kpi-event.v1.json}.
 *
 * @param measurement on kpi-measured and kpi-measurement-removed, the measurement as the API shows
 *     it (as it was, on a removal)
 * @param kpiChangedFields on kpi-changed, which of the KPI's fields the change set (the project's
 *     own {@code changedFields} belong to project updates)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KpiEventData(
    @JsonUnwrapped ProjectEventData project,
    KpiView kpi,
    MeasurementView measurement,
    List<String> kpiChangedFields) {}
