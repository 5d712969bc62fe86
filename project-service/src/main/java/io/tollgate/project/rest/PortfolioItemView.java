package io.tollgate.project.rest;

import io.tollgate.project.model.HealthRating;
import io.tollgate.project.model.Methodology;
import io.tollgate.project.model.Phase;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "PortfolioItem",
    description = "One project in the portfolio view, as of today",
    example =
        "{\"projectId\":\"3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\",\"key\":\"CRM\",\"name\":\"CRM"
            + " replacement\",\"methodology\":\"AGILE\",\"phase\":\"EXECUTION\",\"health\":\"AMBER\","
            + "\"healthReasons\":[\"1 high risk is open: \\\"Key engineer may leave\\\"\"],"
            + "\"healthDetails\":[{\"dimension\":\"RISK\",\"rating\":\"AMBER\",\"message\":\"1 high"
            + " risk is open: \\\"Key engineer may leave\\\"\",\"relatedIds\":"
            + "[\"6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d\"]}],\"spi\":"
            + "0.9500,\"cpi\":1.0200,\"budget\":{\"amount\":\"250000.00\",\"currency\":\"EUR\"},"
            + "\"actualCost\":{\"amount\":\"80000.00\",\"currency\":\"EUR\"},\"budgetBurn\":0.3200,"
            + "\"openRisks\":{\"critical\":0,\"high\":1,\"medium\":2,\"low\":0,\"total\":3}}")
public record PortfolioItemView(
    UUID projectId,
    String key,
    String name,
    Methodology methodology,
    Phase phase,
    HealthRating health,
    @Schema(description = "The reasons' messages, for a compact list") List<String> healthReasons,
    @Schema(
            description =
                "The same reasons as the project's health read gives them (dimension, rating,"
                    + " message and the milestones, risks or KPIs each is about), so that one"
                    + " component shows both")
        List<HealthView.Reason> healthDetails,
    @Schema(
            nullable = true,
            description =
                "EV / PV, rounded down to 4 decimals; null when undefined (PV is 0, or no work can"
                    + " be valued)")
        BigDecimal spi,
    @Schema(
            nullable = true,
            description =
                "EV / AC, rounded down to 4 decimals; null when undefined (AC is 0, or no work can"
                    + " be valued)")
        BigDecimal cpi,
    @Schema(nullable = true, description = "Budget at completion (BAC); null without a budget")
        Money budget,
    @Schema(description = "Σ cost-ledger entries dated up to today") Money actualCost,
    @Schema(nullable = true, description = "Actual cost / budget; null without a budget")
        BigDecimal budgetBurn,
    OpenRisks openRisks) {

  @Schema(name = "OpenRiskCounts", description = "Open risks by level")
  public record OpenRisks(int critical, int high, int medium, int low, int total) {}
}
