package io.tollgate.milestone.rest;

import io.tollgate.milestone.model.MilestoneStatus;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "Schedule",
    description =
        "A project's milestones as a schedule: each one's effective forecast and slack, the"
            + " critical path and the project end",
    example =
        "{\"projectId\":\"3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\",\"projectEnd\":\"2026-06-16\","
            + "\"criticalPath\":[\"6a1d3c2b-9e8f-4a7b-8c6d-5e4f3a2b1c0d\","
            + "\"0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e\"],\"milestones\":[{\"id\":"
            + "\"6a1d3c2b-9e8f-4a7b-8c6d-5e4f3a2b1c0d\",\"name\":\"Design review\",\"status\":"
            + "\"IN_PROGRESS\",\"forecastDate\":\"2026-06-11\",\"slackDays\":0,\"critical\":true,"
            + "\"predecessors\":[]},{\"id\":\"0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e\",\"name\":"
            + "\"Go-live\",\"status\":\"PLANNED\",\"forecastDate\":\"2026-06-16\",\"slackDays\":0,"
            + "\"critical\":true,\"predecessors\":[{\"id\":\"6a1d3c2b-9e8f-4a7b-8c6d-5e4f3a2b1c0d\","
            + "\"lagDays\":5}]}]}")
public record ScheduleView(
    UUID projectId,
    @Schema(nullable = true, description = "The latest forecast; null without milestones")
        LocalDate projectEnd,
    @Schema(description = "The milestones without slack, by forecast, then dependency order")
        List<UUID> criticalPath,
    @Schema(description = "Every milestone of the project, each after its predecessors")
        List<Item> milestones) {

  @Schema(name = "ScheduledMilestone", description = "A milestone in the schedule")
  public record Item(
      UUID id,
      String name,
      MilestoneStatus status,
      @Schema(description = "The effective forecast: after its predecessors and their lags")
          LocalDate forecastDate,
      @Schema(
              description =
                  "Days it can still move without moving the project end (0 on the critical path)")
          long slackDays,
      boolean critical,
      List<Predecessor> predecessors) {}

  @Schema(name = "SchedulePredecessor", description = "A predecessor of a milestone and the lag")
  public record Predecessor(UUID id, int lagDays) {}
}
