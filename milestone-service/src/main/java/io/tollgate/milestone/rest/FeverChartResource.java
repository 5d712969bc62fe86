package io.tollgate.milestone.rest;

import io.tollgate.milestone.service.FeverChartService;
import io.tollgate.rest.ContentTag;
import io.tollgate.rest.Problem;
import io.tollgate.rest.ProblemException;
import io.tollgate.rest.QueryValues;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

// a literal path of its own: JAX-RS prefers it to MilestoneResource's /{id}
@Path("/api/v1/milestones/fever-chart")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Schedule", description = "Dependencies between milestones, slack and critical path")
public class FeverChartResource {

  private final FeverChartService charts;

  FeverChartResource(FeverChartService charts) {
    this.charts = charts;
  }

  @GET
  @ContentTag
  @Operation(
      operationId = "getFeverChart",
      summary = "Get a project's fever chart",
      description =
          "Buffer management's fever chart (ADR 0029): completion = the share of the critical"
              + " path's milestones completed (the completed milestones the project end depends"
              + " on count too); consumption = the project-end buffer consumed, the slip of the"
              + " milestone on the project end (the latest forecast) over its buffer days, not"
              + " capped (100 % for a slip without a buffer). GREEN while consumption < 15 % + 0.6"
              + " x completion, RED from 30 % + 0.6 x completion, else YELLOW, compared exactly."
              + " current is the point now (null while the project has no milestones); history"
              + " one point per UTC day on which a change of the schedule was made, the day's"
              + " latest value, oldest first: a day without a change has no point, the chart"
              + " draws steps. The ETag is a digest of the answer.")
  @APIResponse(
      responseCode = "200",
      description = "The fever chart",
      content = @Content(schema = @Schema(implementation = FeverChartView.class)))
  @APIResponse(
      responseCode = "400",
      description = "projectId is missing or not a UUID",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples =
                  @ExampleObject(
                      name = "no project",
                      value =
                          "{\"type\":\"https://tollgate.io/problems/validation\",\"title\":"
                              + "\"Request is not valid\",\"status\":400,\"detail\":\"1 field is"
                              + " not valid\",\"violations\":[{\"field\":\"projectId\","
                              + "\"message\":\"is required\"}]}")))
  @APIResponse(
      responseCode = "404",
      description = "No such project, or one the caller may not see",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public FeverChartView get(
      @Parameter(description = "The project whose fever chart to show", required = true)
          @QueryParam("projectId")
          String projectId) {
    UUID project = QueryValues.uuid("projectId", projectId);
    if (project == null) {
      throw ProblemException.invalid("projectId", "is required");
    }
    return charts.chart(project);
  }
}
