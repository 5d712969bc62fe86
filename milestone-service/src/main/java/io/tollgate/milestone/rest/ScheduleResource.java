package io.tollgate.milestone.rest;

import io.tollgate.milestone.service.ScheduleService;
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

@Path("/api/v1/milestones/schedule")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Schedule", description = "Dependencies between milestones, slack and critical path")
public class ScheduleResource {

  private final ScheduleService schedules;

  ScheduleResource(ScheduleService schedules) {
    this.schedules = schedules;
  }

  @GET
  @ContentTag
  @Operation(
      operationId = "getSchedule",
      summary = "Get a project's schedule",
      description =
          "Every milestone of the project, each after its predecessors, with its effective"
              + " forecast (the latest of its own forecast and each predecessor's forecast plus"
              + " the lag; the actual date once completed) and its slack: the days it can still"
              + " move without moving the project end, the latest forecast. The milestones without"
              + " slack form the critical path, by forecast.")
  @APIResponse(
      responseCode = "200",
      description = "The schedule",
      content = @Content(schema = @Schema(implementation = ScheduleView.class)))
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
  public ScheduleView get(
      @Parameter(description = "The project whose schedule to show", required = true)
          @QueryParam("projectId")
          String projectId) {
    UUID project = QueryValues.uuid("projectId", projectId);
    if (project == null) {
      throw ProblemException.invalid("projectId", "is required");
    }
    return schedules.schedule(project);
  }
}
