package io.tollgate.milestone.rest;

import io.tollgate.milestone.model.Milestone;
import io.tollgate.milestone.service.DependencyService;
import io.tollgate.rest.CommonProblemResponses;
import io.tollgate.rest.ContentTag;
import io.tollgate.rest.Preconditions;
import io.tollgate.rest.Problem;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/milestones/{id}/predecessors")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Schedule", description = "Dependencies between milestones, slack and critical path")
public class DependencyResource {

  static final String PUT_OPERATION = "putMilestoneDependency";
  static final String DELETE_OPERATION = "deleteMilestoneDependency";

  static final String CYCLE_EXAMPLE =
      "{\"type\":\"https://tollgate.io/problems/conflict\",\"title\":\"Conflict with the current"
          + " state\",\"status\":409,\"detail\":\"\\\"Requirements sign-off\\\" cannot depend on"
          + " \\\"Go-live\\\": that would close the cycle \\\"Requirements sign-off\\\" ->"
          + " \\\"Design review\\\" -> \\\"Go-live\\\" -> \\\"Requirements sign-off\\\"\","
          + "\"cycle\":[\"6a1d3c2b-9e8f-4a7b-8c6d-5e4f3a2b1c0d\","
          + "\"0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e\",\"9a3e1f44-5c2b-4d7a-8e61-7b2c9d0e4f13\","
          + "\"6a1d3c2b-9e8f-4a7b-8c6d-5e4f3a2b1c0d\"]}";

  static final String NOT_FOUND_EXAMPLE =
      "{\"type\":\"https://tollgate.io/problems/not-found\",\"title\":\"Resource not found\","
          + "\"status\":404,\"detail\":\"milestone 9a3e1f44-5c2b-4d7a-8e61-7b2c9d0e4f13 does not"
          + " exist\"}";

  static final String DEPENDENCY_EXAMPLE =
      "{\"predecessorId\":\"6a1d3c2b-9e8f-4a7b-8c6d-5e4f3a2b1c0d\",\"successorId\":"
          + "\"9a3e1f44-5c2b-4d7a-8e61-7b2c9d0e4f13\",\"lagDays\":5}";

  static final String NO_DEPENDENCY_EXAMPLE =
      "{\"type\":\"https://tollgate.io/problems/not-found\",\"title\":\"Resource not found\","
          + "\"status\":404,\"detail\":\"milestone 9a3e1f44-5c2b-4d7a-8e61-7b2c9d0e4f13 does not"
          + " depend on milestone 6a1d3c2b-9e8f-4a7b-8c6d-5e4f3a2b1c0d\"}";

  static final String PAST_LAST_DATE_EXAMPLE =
      "{\"type\":\"https://tollgate.io/problems/conflict\",\"title\":\"Conflict with the current"
          + " state\",\"status\":409,\"detail\":\"the forecast of milestone 'Go-live' would move"
          + " past 9999-12-31 (to +10000-03-10), the last date a forecast can have; shorten a lag"
          + " or bring a forecast forward\"}";

  private final DependencyService dependencies;

  DependencyResource(DependencyService dependencies) {
    this.dependencies = dependencies;
  }

  @PUT
  @Path("/{predecessorId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Extension(name = CommonProblemResponses.IF_MATCH_OPTIONAL, value = "true")
  @Operation(
      operationId = PUT_OPERATION,
      summary = "Make a milestone depend on another",
      description =
          "Finish to start: milestone {id} cannot finish before {predecessorId} has, plus lagDays"
              + " (0 when absent or without a body). Adds the dependency, or changes its lag. The"
              + " project's forecasts follow at once: every milestone whose effective forecast"
              + " moved is published as tollgate.milestone.updated.v1. If-Match is optional;"
              + " when sent it names the ETag of milestone {id}. The answer's ETag is that"
              + " milestone's.")
  @APIResponse(
      responseCode = "200",
      description = "The lag of an existing dependency changed (or was already that)",
      content = @Content(schema = @Schema(implementation = DependencyView.class)))
  @APIResponse(
      responseCode = "201",
      description = "Added; Location points at the dependency (GET answers it there)",
      content = @Content(schema = @Schema(implementation = DependencyView.class)))
  @APIResponse(
      responseCode = "400",
      description = "lagDays outside 0-3650, or a milestone made to depend on itself",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "403",
      description = "The caller may read the project but not change it",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "No such milestone or predecessor, or one the caller may not see",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = @ExampleObject(name = "unknown predecessor", value = NOT_FOUND_EXAMPLE)))
  @APIResponse(
      responseCode = "409",
      description =
          "The predecessor belongs to another project; or the dependency would close a cycle:"
              + " detail names the cycle's milestones, cycle lists their ids (from {id} back to"
              + " it); or it would move a milestone's forecast past 9999-12-31, the last date a"
              + " forecast can have (detail names the milestone); nothing is changed",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = {
                @ExampleObject(name = "cycle", value = CYCLE_EXAMPLE),
                @ExampleObject(name = "forecast past 9999-12-31", value = PAST_LAST_DATE_EXAMPLE)
              }))
  @APIResponse(
      responseCode = "412",
      description = "If-Match does not name milestone {id}'s current version",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response put(
      @PathParam("id") UUID id,
      @PathParam("predecessorId") UUID predecessorId,
      @Parameter(description = "The ETag of milestone {id}; optional")
          @HeaderParam(HttpHeaders.IF_MATCH)
          String ifMatch,
      @Valid DependencyRequest request,
      @Context UriInfo uri) {
    int lag = request == null ? 0 : request.lag();
    DependencyService.Outcome outcome = dependencies.put(id, predecessorId, lag, ifMatch);
    Response.ResponseBuilder response =
        outcome.added() ? Response.created(uri.getAbsolutePath()) : Response.ok();
    return response
        .entity(outcome.dependency())
        .tag(Preconditions.etag(outcome.successor().version))
        .build();
  }

  @GET
  @Path("/{predecessorId}")
  @ContentTag
  @Operation(
      operationId = "getMilestoneDependency",
      summary = "Get a dependency",
      description =
          "The dependency of milestone {id} on {predecessorId}, with its lag: where PUT's Location"
              + " points. Its ETag is a digest of the body, for If-None-Match (304 while it has"
              + " not changed); an If-Match on PUT or DELETE names milestone {id}'s ETag instead.")
  @APIResponse(
      responseCode = "200",
      description = "The dependency",
      content =
          @Content(
              schema = @Schema(implementation = DependencyView.class),
              examples = @ExampleObject(name = "dependency", value = DEPENDENCY_EXAMPLE)))
  @APIResponse(
      responseCode = "404",
      description =
          "No such milestone, or one the caller may not see, or it does not depend on"
              + " {predecessorId}",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples =
                  @ExampleObject(name = "no such dependency", value = NO_DEPENDENCY_EXAMPLE)))
  public DependencyView get(
      @PathParam("id") UUID id, @PathParam("predecessorId") UUID predecessorId) {
    return dependencies.get(id, predecessorId);
  }

  @DELETE
  @Path("/{predecessorId}")
  @Extension(name = CommonProblemResponses.IF_MATCH_OPTIONAL, value = "true")
  @Operation(
      operationId = DELETE_OPERATION,
      summary = "Remove a dependency",
      description =
          "Milestone {id} no longer depends on {predecessorId}; the forecasts follow as for a"
              + " new dependency. If-Match is optional; when sent it names the ETag of milestone"
              + " {id}.")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(
      responseCode = "403",
      description = "The caller may read the project but not change it",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "No such milestone, or it does not depend on {predecessorId}",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "412",
      description = "If-Match does not name milestone {id}'s current version",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response delete(
      @PathParam("id") UUID id,
      @PathParam("predecessorId") UUID predecessorId,
      @Parameter(description = "The ETag of milestone {id}; optional")
          @HeaderParam(HttpHeaders.IF_MATCH)
          String ifMatch) {
    Milestone successor = dependencies.remove(id, predecessorId, ifMatch);
    return Response.noContent().tag(Preconditions.etag(successor.version)).build();
  }

  @GET
  @ContentTag
  @Operation(
      operationId = "listMilestonePredecessors",
      summary = "List a milestone's predecessors",
      description = "The milestones it depends on, each with its lag, by predecessor id.")
  @APIResponse(
      responseCode = "200",
      description = "The predecessors",
      content = @Content(schema = @Schema(implementation = DependencyListView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such milestone, or one the caller may not see",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public DependencyListView list(@PathParam("id") UUID id) {
    return new DependencyListView(id, dependencies.predecessors(id));
  }
}
