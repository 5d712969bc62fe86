package io.tollgate.project.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The {@code data} of {@code tollgate.project.health-changed.v1}: the project snapshot, the rating
 * before and after, and the reasons, phrased for a business reader. Schema: {@code
 * asyncapi/schemas/project-health-changed.v1.json}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthChangedData(
    @JsonUnwrapped ProjectEventData project,
    String previousRating,
    String rating,
    List<Reason> reasons,
    OffsetDateTime evaluatedAt) {

  public record Reason(String dimension, String rating, String message, List<UUID> relatedIds) {}
}
