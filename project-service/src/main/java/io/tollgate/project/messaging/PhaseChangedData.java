package io.tollgate.project.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.UUID;

/**
 * The {@code data} of {@code tollgate.project.phase-changed.v1}: the project snapshot (its {@code
 * phase} is the new one) and the transition. Schema: {@code
 * asyncapi/schemas/project-phase-changed.v1.json}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PhaseChangedData(
    @JsonUnwrapped ProjectEventData project,
    UUID transitionId,
    String from,
    String to,
    String kind,
    String reason,
    String changedBy,
    Override override) {

  /** Present when an ADMIN let the transition pass unmet gate criteria. */
  public record Override(String by, String justification, List<Criterion> overriddenCriteria) {}

  /** An unmet criterion that was overridden, with what blocked it. */
  public record Criterion(
      String ruleId,
      String criterion,
      String message,
      List<UUID> milestoneIds,
      List<UUID> riskIds) {}
}
