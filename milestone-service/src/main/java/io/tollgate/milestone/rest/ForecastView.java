package io.tollgate.milestone.rest;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "RiskAdjustedForecast",
    description =
        "A project's risk-adjusted forecast (Monte Carlo, ADR 0027): the dates each milestone and"
            + " the project end are reached in 50, 80 and 95 % of the simulated iterations",
    example =
        "{\"projectId\":\"3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\",\"iterations\":10000,"
            + "\"seed\":42,\"projectEnd\":{\"p50\":\"2026-06-19\",\"p80\":\"2026-06-27\","
            + "\"p95\":\"2026-07-02\"},\"milestones\":[{\"milestoneId\":"
            + "\"6a1d3c2b-9e8f-4a7b-8c6d-5e4f3a2b1c0d\",\"name\":\"Design review\","
            + "\"forecastDate\":\"2026-06-11\",\"p50\":\"2026-06-13\",\"p80\":\"2026-06-15\","
            + "\"p95\":\"2026-06-17\"},{\"milestoneId\":\"0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e\","
            + "\"name\":\"Go-live\",\"forecastDate\":\"2026-06-16\",\"p50\":\"2026-06-19\","
            + "\"p80\":\"2026-06-27\",\"p95\":\"2026-07-02\"}]}")
public record ForecastView(
    UUID projectId,
    @Schema(description = "How many iterations were simulated") int iterations,
    @Schema(description = "The seed used: the same seed on the same schedule repeats the run")
        long seed,
    @Schema(
            nullable = true,
            description = "When the latest milestone is reached; null without milestones")
        Percentiles projectEnd,
    @Schema(description = "Every milestone of the project, each after its predecessors")
        List<Item> milestones) {

  @Schema(
      name = "ForecastPercentiles",
      description =
          "The first date reached in at least 50, 80 and 95 % of the iterations (nearest rank)")
  public record Percentiles(LocalDate p50, LocalDate p80, LocalDate p95) {}

  @Schema(name = "ForecastMilestone", description = "A milestone's simulated completion dates")
  public record Item(
      UUID milestoneId,
      String name,
      @Schema(description = "The effective forecast the simulation starts from (as the schedule)")
          LocalDate forecastDate,
      LocalDate p50,
      LocalDate p80,
      LocalDate p95) {}
}
