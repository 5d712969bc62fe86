package io.tollgate.project.rest;

import io.tollgate.project.model.HealthRating;
import io.tollgate.project.service.HealthRules;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "Health",
    description =
        "GREEN / AMBER / RED, the worst of schedule, cost, risk and KPIs, with every reason behind"
            + " it phrased for a business reader",
    example =
        "{\"rating\":\"RED\",\"asOf\":\"2026-06-25\",\"reasons\":[{\"dimension\":\"SCHEDULE\","
            + "\"rating\":\"RED\",\"message\":\"Security audit \\\"Pen test\\\" is 6 days late;"
            + " go-live on 2026-09-30 at risk\",\"relatedIds\":"
            + "[\"9a3e1f44-5c2b-4d7a-8e61-7b2c9d0e4f13\"]}]}")
public record HealthView(HealthRating rating, LocalDate asOf, List<Reason> reasons) {

  @Schema(name = "HealthReason")
  public record Reason(
      HealthRules.Dimension dimension,
      HealthRating rating,
      String message,
      @Schema(description = "The milestones, risks or KPIs the reason is about")
          List<UUID> relatedIds) {}
}
