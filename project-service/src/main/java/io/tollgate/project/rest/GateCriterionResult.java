package io.tollgate.project.rest;

import io.tollgate.project.model.GateBoundary;
import io.tollgate.project.model.GateCriterion;
import io.tollgate.project.model.Phase;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "GateCriterionResult",
    description = "One gate rule checked against the project, with what blocks it",
    example =
        "{\"ruleId\":\"agile.enter-deployment.audits\",\"boundary\":\"ENTRY\",\"phase\":"
            + "\"DEPLOYMENT\",\"criterion\":\"MILESTONES_COMPLETED\",\"parameter\":"
            + "\"SECURITY_AUDIT,USER_ACCEPTANCE_TESTING\",\"description\":\"Every security audit and"
            + " user acceptance testing milestone is completed\",\"met\":false,\"message\":\"1"
            + " SECURITY_AUDIT or USER_ACCEPTANCE_TESTING milestone(s) not completed\","
            + "\"milestoneIds\":[\"9a3e1f44-5c2b-4d7a-8e61-7b2c9d0e4f13\"],\"riskIds\":[]}")
public record GateCriterionResult(
    String ruleId,
    GateBoundary boundary,
    Phase phase,
    GateCriterion criterion,
    @Schema(nullable = true, description = "As the rule's; null for a criterion that takes none")
        String parameter,
    String description,
    boolean met,
    String message,
    @Schema(description = "Milestones that keep the criterion from being met")
        List<UUID> milestoneIds,
    @Schema(description = "Risks that keep the criterion from being met") List<UUID> riskIds) {}
