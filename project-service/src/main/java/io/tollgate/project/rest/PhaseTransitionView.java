package io.tollgate.project.rest;

import io.tollgate.project.model.Phase;
import io.tollgate.project.model.TransitionKind;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "PhaseTransition",
    description = "A phase change that happened",
    example =
        "{\"id\":\"c0d1e2f3-a4b5-4c6d-8e7f-9a0b1c2d3e4f\",\"projectId\":"
            + "\"3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\",\"from\":\"PLANNING\",\"to\":\"EXECUTION\","
            + "\"kind\":\"ADVANCE\",\"reason\":\"Plan approved\",\"changedBy\":\"alice\","
            + "\"changedAt\":\"2026-02-10T09:00:00Z\",\"override\":null,\"projectVersion\":3}")
public record PhaseTransitionView(
    UUID id,
    UUID projectId,
    Phase from,
    Phase to,
    TransitionKind kind,
    String reason,
    String changedBy,
    OffsetDateTime changedAt,
    @Schema(
            nullable = true,
            description = "Who overrode which unmet gate criteria and why; null when none was")
        Override override,
    @Schema(description = "The project's version (ETag) after the transition")
        long projectVersion) {

  @Schema(name = "GateOverride", description = "Who let a transition pass unmet gates, and why")
  public record Override(
      String by, String justification, List<GateCriterionResult> overriddenCriteria) {}
}
