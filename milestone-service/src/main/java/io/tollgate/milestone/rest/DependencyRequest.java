package io.tollgate.milestone.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "DependencyRequest",
    description =
        "How long after the predecessor's finish the milestone may finish at the earliest",
    example = "{\"lagDays\":5}")
public record DependencyRequest(
    @Min(0)
        @Max(DependencyRequest.MAX_LAG_DAYS)
        @Schema(
            description =
                "Days between the predecessor's finish and this milestone's; 0 when absent",
            minimum = "0",
            maximum = "3650",
            defaultValue = "0")
        Integer lagDays) {

  /** Ten years: a lag beyond that is a typo, not a plan. */
  public static final int MAX_LAG_DAYS = 3650;

  /** The lag, 0 when none was given. */
  public int lag() {
    return lagDays == null ? 0 : lagDays;
  }
}
