package io.tollgate.project.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.project.model.GateRule;
import io.tollgate.project.model.PhaseTransition;
import io.tollgate.project.rest.GateCheckView;
import io.tollgate.project.rest.GateCriterionResult;
import io.tollgate.project.rest.GateRuleView;
import io.tollgate.project.rest.PhaseTransitionView;
import io.tollgate.project.service.Gates;
import io.tollgate.project.service.LifecycleService;
import java.util.List;

/** Maps transitions, gate rules and gate verdicts to their API representations. */
public final class LifecycleMapper {

  private LifecycleMapper() {}

  public static GateCriterionResult toResult(Gates.Outcome o) {
    GateRule r = o.rule();
    return new GateCriterionResult(
        r.id,
        r.boundary,
        r.phase,
        r.criterion,
        r.parameter,
        r.description,
        o.met(),
        o.message(),
        o.milestoneIds(),
        o.riskIds());
  }

  public static GateRuleView toView(GateRule r) {
    return new GateRuleView(
        r.id, r.methodology, r.boundary, r.phase, r.criterion, r.parameter, r.description);
  }

  public static GateCheckView toView(LifecycleService.GateCheck check) {
    return new GateCheckView(
        check.project().id,
        check.project().methodology,
        check.project().phase,
        check.nextPhase(),
        check.nextPhasePasses(),
        check.outcomes().stream()
            .map(
                o ->
                    new GateCheckView.Criterion(
                        o.rule().id,
                        o.rule().boundary,
                        o.rule().phase,
                        o.rule().criterion,
                        o.rule().parameter,
                        o.rule().description,
                        o.met(),
                        o.message(),
                        o.milestoneIds(),
                        o.riskIds(),
                        check.nextPhase() != null
                            && o.rule().guards(check.project().phase, check.nextPhase())))
            .toList());
  }

  public static PhaseTransitionView toView(PhaseTransition t, ObjectMapper mapper) {
    PhaseTransitionView.Override override = null;
    if (t.overrideJustification != null) {
      override =
          new PhaseTransitionView.Override(
              t.actor, t.overrideJustification, criteria(t.overriddenCriteria, mapper));
    }
    return new PhaseTransitionView(
        t.id,
        t.projectId,
        t.fromPhase,
        t.toPhase,
        t.kind,
        t.reason,
        t.actor,
        t.occurredAt,
        override,
        t.projectVersion);
  }

  private static List<GateCriterionResult> criteria(String json, ObjectMapper mapper) {
    if (json == null) {
      return List.of();
    }
    try {
      return mapper
          .readerFor(new TypeReference<List<GateCriterionResult>>() {})
          .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .readValue(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored gate criteria cannot be read", e);
    }
  }
}
