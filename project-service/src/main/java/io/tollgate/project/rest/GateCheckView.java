package io.tollgate.project.rest;

import io.tollgate.project.model.Methodology;
import io.tollgate.project.model.Phase;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "GateCheck",
    description =
        "Every gate rule of the project's methodology checked against what project-service knows"
            + " now; those guarding the move to nextPhase decide whether it would pass",
    example =
        "{\"projectId\":\"3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\",\"methodology\":\"AGILE\","
            + "\"phase\":\"PLANNING\",\"nextPhase\":\"EXECUTION\",\"nextPhasePasses\":false,"
            + "\"criteria\":[{\"ruleId\":\"agile.leave-planning.budget\",\"boundary\":\"EXIT\","
            + "\"phase\":\"PLANNING\",\"criterion\":\"BUDGET_SET\",\"parameter\":null,"
            + "\"description\":\"The project has a budget\",\"met\":false,\"message\":"
            + "\"no budget is set\",\"milestoneIds\":[],"
            + "\"riskIds\":[],\"guardsNextPhase\":true}]}")
public record GateCheckView(
    UUID projectId,
    Methodology methodology,
    Phase phase,
    @Schema(description = "The next lifecycle phase; null when there is none", nullable = true)
        Phase nextPhase,
    @Schema(
            description =
                "Whether a move to nextPhase would pass: every criterion guarding it is met and the"
                    + " project is not archived (an archived project accepts no transition)")
        boolean nextPhasePasses,
    List<Criterion> criteria) {

  @Schema(name = "GateCheckCriterion")
  public record Criterion(
      String ruleId,
      io.tollgate.project.model.GateBoundary boundary,
      Phase phase,
      io.tollgate.project.model.GateCriterion criterion,
      @Schema(nullable = true, description = "As the rule's; null for a criterion that takes none")
          String parameter,
      String description,
      boolean met,
      String message,
      List<UUID> milestoneIds,
      List<UUID> riskIds,
      @Schema(description = "Whether the rule guards the move to nextPhase")
          boolean guardsNextPhase) {}
}
