package io.tollgate.project.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.tollgate.project.rest.BenefitView;
import io.tollgate.project.rest.CostEntryView;

/**
 * The {@code data} of {@code tollgate.project.cost-recorded|cost-removed|benefit-added|
 * benefit-removed.v1}: the project snapshot and the entry as the API shows it (as it was, on a
 * removal). Schema: {@code asyncapi/schemas/project-finance-event.v1.json}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FinanceEventData(
    @JsonUnwrapped ProjectEventData project, CostEntryView cost, BenefitView benefit) {}
