package io.tollgate.project.rest;

import io.tollgate.project.model.GateBoundary;
import io.tollgate.project.model.GateCriterion;
import io.tollgate.project.model.Methodology;
import io.tollgate.project.model.Phase;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "GateRule",
    description =
        "One criterion of a phase gate: EXIT rules guard leaving their phase forward, ENTRY rules"
            + " guard entering it, forward or back",
    example =
        "{\"id\":\"agile.enter-deployment.risks\",\"methodology\":\"AGILE\",\"boundary\":"
            + "\"ENTRY\",\"phase\":\"DEPLOYMENT\",\"criterion\":\"NO_OPEN_RISK\",\"parameter\":"
            + "\"CRITICAL\",\"description\":\"No open risk is rated CRITICAL\"}")
public record GateRuleView(
    String id,
    Methodology methodology,
    GateBoundary boundary,
    Phase phase,
    GateCriterion criterion,
    @Schema(
            nullable = true,
            description =
                "Milestone kinds or risk levels the criterion is about, comma-separated; null for a"
                    + " criterion that takes none (MILESTONE_PLANNED, BUDGET_SET,"
                    + " NO_OPEN_MILESTONE)")
        String parameter,
    String description) {}
