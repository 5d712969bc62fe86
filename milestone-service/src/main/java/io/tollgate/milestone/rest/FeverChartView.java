package io.tollgate.milestone.rest;

import io.tollgate.milestone.model.FeverZone;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "FeverChart",
    description =
        "A project's fever chart (ADR 0029): completion of the critical path against the"
            + " project-end buffer consumed, now and per UTC day it changed",
    example =
        "{\"projectId\":\"3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\",\"current\":{\"at\":"
            + "\"2026-06-02T09:15:00Z\",\"completionPercent\":\"50.00\",\"consumptionPercent\":"
            + "\"40.00\",\"zone\":\"YELLOW\",\"projectEndMilestoneId\":"
            + "\"0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e\",\"slipDays\":4,\"bufferDays\":10,"
            + "\"criticalPathMilestoneIds\":[\"6a1d3c2b-9e8f-4a7b-8c6d-5e4f3a2b1c0d\","
            + "\"0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e\"],\"completedMilestones\":1},"
            + "\"history\":[{\"on\":\"2026-05-28\",\"completionPercent\":\"0.00\","
            + "\"consumptionPercent\":\"10.00\",\"zone\":\"GREEN\"},{\"on\":\"2026-06-02\","
            + "\"completionPercent\":\"50.00\",\"consumptionPercent\":\"40.00\",\"zone\":"
            + "\"YELLOW\"}]}")
public record FeverChartView(
    UUID projectId,
    @Schema(nullable = true, description = "Where the project stands now; null without milestones")
        Current current,
    @Schema(
            description =
                "One point per UTC day on which a change moved or kept it (the day's latest"
                    + " value), oldest first; a day without a change has none: the chart draws"
                    + " steps")
        List<Point> history) {

  @Schema(name = "FeverChartCurrent", description = "The project's point as it stands now")
  public record Current(
      @Schema(
              nullable = true,
              description =
                  "When the schedule last changed (the newest point's change); null when no"
                      + " change was recorded since the chart exists")
          OffsetDateTime at,
      @Schema(description = "Completed milestones of the critical path in percent, to 2 places")
          String completionPercent,
      @Schema(
              description =
                  "The project-end milestone's slip over its buffer in percent, to 2 places, not"
                      + " capped; 100 for a slip without a buffer")
          String consumptionPercent,
      FeverZone zone,
      @Schema(
              description =
                  "The milestone on the project end (of several, the one that consumed most of"
                      + " its buffer) whose buffer is the project-end buffer")
          UUID projectEndMilestoneId,
      @Schema(description = "The project-end milestone's slip in days (early counts 0)")
          long slipDays,
      @Schema(description = "The project-end milestone's buffer in days") int bufferDays,
      @Schema(
              description =
                  "The milestones completion counts: the critical path and every completed"
                      + " milestone the project end depends on, by forecast")
          List<UUID> criticalPathMilestoneIds,
      @Schema(description = "How many of them are completed") int completedMilestones) {}

  @Schema(name = "FeverChartPoint", description = "The project's point at the end of a UTC day")
  public record Point(
      LocalDate on,
      @Schema(description = "Completion in percent, to 2 places") String completionPercent,
      @Schema(description = "Consumption in percent, to 2 places") String consumptionPercent,
      FeverZone zone) {}
}
