package io.tollgate.project.rest;

import io.tollgate.project.model.Phase;
import io.tollgate.rest.Problem;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The OpenAPI schema of a refused phase transition's 409: a problem with the members that say which
 * move was refused and why, so that a client generated from the document can read them.
 * Documentation only; the answer is a {@link Problem} with these extension members.
 */
@Schema(
    name = "TransitionRefusal",
    description =
        "A problem whose extension members name the refused move: allowedTargets when it is not a"
            + " valid transition, unmetCriteria when the gates refuse it",
    allOf = Problem.class)
record TransitionRefusal(
    @Schema(required = true, description = "The phase the project is in") Phase from,
    @Schema(required = true, description = "The phase asked for") Phase to,
    @Schema(description = "The phases the project may move to now (not a valid transition)")
        List<Phase> allowedTargets,
    @Schema(description = "The gate criteria that are not met (refused by the gates)")
        List<GateCriterionResult> unmetCriteria) {}
