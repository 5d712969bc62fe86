package io.tollgate.milestone.rest;

import io.tollgate.milestone.service.ForecastService;
import io.tollgate.rest.ContentTag;
import io.tollgate.rest.Problem;
import io.tollgate.rest.ProblemException;
import io.tollgate.rest.QueryValues;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/milestones/forecast")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Schedule", description = "Dependencies between milestones, slack and critical path")
public class ForecastResource {

  public static final int DEFAULT_ITERATIONS = 10_000;
  public static final int MIN_ITERATIONS = 100;
  public static final int MAX_ITERATIONS = 100_000;

  private final ForecastService forecasts;

  ForecastResource(ForecastService forecasts) {
    this.forecasts = forecasts;
  }

  @GET
  @ContentTag
  @Operation(
      operationId = "getRiskAdjustedForecast",
      summary = "Get a project's risk-adjusted forecast (Monte Carlo)",
      description =
          "Simulates the project's schedule: in each iteration every open milestone takes its"
              + " duration from its latest predecessor (plus lag; from the project's start for one"
              + " without) as forecast, plus a triangular draw between 0 and its buffer days (most"
              + " likely 0), plus the schedule impact of each of its open risks that occurs (with"
              + " the chance of its probability: 1 = 5 %, 2 = 20 %, 3 = 40 %, 4 = 60 %, 5 = 85 %);"
              + " a completed milestone stays on its actual date. Answers, per milestone and for"
              + " the project end (the latest milestone of each iteration), the first date reached"
              + " in at least 50, 80 and 95 % of the iterations. The same seed on the same"
              + " schedule and risks answers the same; without one a seed is drawn and answered,"
              + " so the run can be repeated. The ETag is a digest of the answer: a seeded request"
              + " gets 304 to If-None-Match until a milestone, dependency or risk moves it.")
  @APIResponse(
      responseCode = "200",
      description = "The simulated completion dates",
      content = @Content(schema = @Schema(implementation = ForecastView.class)))
  @APIResponse(
      responseCode = "400",
      description = "projectId is missing or not a UUID, iterations or seed is not valid",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples =
                  @ExampleObject(
                      name = "too few iterations",
                      value =
                          "{\"type\":\"https://tollgate.io/problems/validation\",\"title\":"
                              + "\"Request is not valid\",\"status\":400,\"detail\":\"1 field is"
                              + " not valid\",\"violations\":[{\"field\":\"iterations\","
                              + "\"message\":\"must be between 100 and 100000\"}]}")))
  @APIResponse(
      responseCode = "404",
      description = "No such project, or one the caller may not see",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public ForecastView get(
      @Parameter(description = "The project whose schedule to simulate", required = true)
          @QueryParam("projectId")
          String projectId,
      @Parameter(
              description = "How many iterations to simulate, 100-100000",
              schema = @Schema(defaultValue = "10000", minimum = "100", maximum = "100000"))
          @QueryParam("iterations")
          String iterations,
      @Parameter(
              description =
                  "Any whole number (64 bits) to repeat a run; absent: one is drawn and answered",
              schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
          @QueryParam("seed")
          String seed) {
    List<Problem.Violation> violations = new ArrayList<>();
    UUID project = null;
    try {
      project = QueryValues.uuid("projectId", projectId);
      if (project == null) {
        violations.add(new Problem.Violation("projectId", "is required"));
      }
    } catch (ProblemException e) {
      violations.addAll(e.violations());
    }
    int runs = DEFAULT_ITERATIONS;
    try {
      runs = QueryValues.wholeNumber("iterations", iterations, DEFAULT_ITERATIONS);
      if (runs < MIN_ITERATIONS || runs > MAX_ITERATIONS) {
        violations.add(
            new Problem.Violation(
                "iterations", "must be between " + MIN_ITERATIONS + " and " + MAX_ITERATIONS));
      }
    } catch (ProblemException e) {
      violations.addAll(e.violations());
    }
    long used = 0;
    if (seed == null || seed.isBlank()) {
      used = ThreadLocalRandom.current().nextLong();
    } else {
      try {
        used = Long.parseLong(seed.trim());
      } catch (NumberFormatException e) {
        violations.add(new Problem.Violation("seed", "must be a whole number (64 bits)"));
      }
    }
    if (!violations.isEmpty()) {
      throw ProblemException.invalid(violations);
    }
    return forecasts.forecast(project, runs, used);
  }
}
