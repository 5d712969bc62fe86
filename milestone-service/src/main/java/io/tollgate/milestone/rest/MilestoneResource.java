package io.tollgate.milestone.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.milestone.mapping.HistoryMapper;
import io.tollgate.milestone.mapping.MilestoneMapper;
import io.tollgate.milestone.model.Milestone;
import io.tollgate.milestone.model.MilestoneKind;
import io.tollgate.milestone.model.MilestoneStatus;
import io.tollgate.milestone.model.Zone;
import io.tollgate.milestone.repository.MilestoneRepository;
import io.tollgate.milestone.service.Buffers;
import io.tollgate.milestone.service.MilestoneService;
import io.tollgate.rest.Idempotency;
import io.tollgate.rest.MergePatch;
import io.tollgate.rest.Page;
import io.tollgate.rest.PageRequest;
import io.tollgate.rest.Preconditions;
import io.tollgate.rest.Problem;
import io.tollgate.rest.QueryCheck;
import io.tollgate.rest.QueryValues;
import io.tollgate.rest.Responses;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/milestones")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
    name = "Milestones",
    description = "Milestones with buffers, forecasts, completion, baselines and their history")
public class MilestoneResource {

  private static final String NOT_FOUND_EXAMPLE =
      "{\"type\":\"https://tollgate.io/problems/not-found\",\"title\":\"Resource not found\","
          + "\"status\":404,\"detail\":\"milestone 9a3e1f44-5c2b-4d7a-8e61-7b2c9d0e4f13 does not"
          + " exist\"}";

  private final MilestoneService milestones;
  private final Idempotency idempotency;
  private final ObjectMapper mapper;

  MilestoneResource(MilestoneService milestones, Idempotency idempotency, ObjectMapper mapper) {
    this.milestones = milestones;
    this.idempotency = idempotency;
    this.mapper = mapper;
  }

  private static MilestoneView view(Milestone m) {
    return MilestoneMapper.toView(m, Buffers.today());
  }

  private static Response current(Milestone m) {
    return Response.ok(view(m)).tag(Preconditions.etag(m.version)).build();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "createMilestone",
      summary = "Plan a milestone",
      description =
          "Plans a milestone for a project (write access: EDITOR, OWNER or ADMIN) with its first"
              + " baseline (reason \"initial baseline\"), and publishes"
              + " tollgate.milestone.created.v1. bufferDays defaults to 0 and forecastDate to the"
              + " planned date. Send an Idempotency-Key to make retries safe.")
  @APIResponse(
      responseCode = "201",
      description = "Planned; Location points at the milestone",
      content = @Content(schema = @Schema(implementation = MilestoneView.class)))
  @APIResponse(
      responseCode = "400",
      description = "Invalid body; violations lists each field",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "No such project, or the caller may not see it",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples =
                  @ExampleObject(
                      name = "unknown project",
                      value =
                          "{\"type\":\"https://tollgate.io/problems/not-found\",\"title\":"
                              + "\"Resource not found\",\"status\":404,\"detail\":\"project"
                              + " 3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11 does not exist\"}")))
  @APIResponse(
      responseCode = "409",
      description = "The project is archived",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples =
                  @ExampleObject(
                      name = "archived project",
                      value =
                          "{\"type\":\"https://tollgate.io/problems/conflict\",\"title\":"
                              + "\"Conflict with the current state\",\"status\":409,\"detail\":"
                              + "\"project CRM is archived; no milestone can be planned for"
                              + " it\"}")))
  public Response create(
      @NotNull @Valid MilestoneCreate request,
      @Parameter(description = "Makes the create safe to retry; e.g. a UUID")
          @HeaderParam(Idempotency.HEADER)
          String idempotencyKey,
      @Context UriInfo uri) {
    return idempotency.once(
        idempotencyKey,
        uri,
        request,
        () -> {
          Milestone m = milestones.create(request);
          return Responses.created(uri, m.id, m.version, view(m));
        });
  }

  @GET
  @Operation(
      operationId = "listMilestones",
      summary = "List a project's milestones",
      description =
          "Pages through the project's milestones by planned date, then name, then id. Filter by"
              + " status, kind and zone (each may repeat: any of the values); status and zone are"
              + " judged today (UTC), as a milestone's own representation shows them.")
  @APIResponse(
      responseCode = "200",
      description = "One page of milestones",
      content =
          @Content(
              schema = @Schema(implementation = PageSchemas.Milestones.class),
              examples =
                  @ExampleObject(
                      name = "page",
                      value =
                          "{\"items\":[{\"id\":\"9a3e1f44-5c2b-4d7a-8e61-7b2c9d0e4f13\","
                              + "\"projectId\":\"3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\","
                              + "\"name\":\"Penetration test\",\"description\":null,\"kind\":"
                              + "\"SECURITY_AUDIT\",\"status\":\"PLANNED\",\"plannedDate\":"
                              + "\"2026-06-15\",\"bufferDays\":10,\"forecastDate\":"
                              + "\"2026-06-15\",\"ownForecastDate\":\"2026-06-15\","
                              + "\"actualDate\":null,\"slipDays\":0,\"varianceDays\":0,"
                              + "\"bufferConsumption\":\"0.0000\",\"zone\":\"ON_TRACK\","
                              + "\"plannedValue\":null,\"version\":0,\"createdAt\":"
                              + "\"2026-02-02T10:00:00Z\",\"updatedAt\":"
                              + "\"2026-02-02T10:00:00Z\"}],\"page\":0,\"size\":20,"
                              + "\"totalItems\":1,\"totalPages\":1}")))
  @APIResponse(
      responseCode = "400",
      description = "No projectId, or a filter or page parameter that is not valid",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "No such project, or the caller may not see it",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response list(
      @Parameter(
              required = true,
              description = "The project whose milestones to list",
              schema = @Schema(type = SchemaType.STRING, format = "uuid"))
          @QueryParam("projectId")
          String projectId,
      @Parameter(
              description = "Only milestones in one of these statuses",
              schema = @Schema(type = SchemaType.ARRAY, implementation = MilestoneStatus.class))
          @QueryParam("status")
          List<String> status,
      @Parameter(
              description = "Only milestones of one of these kinds",
              schema = @Schema(type = SchemaType.ARRAY, implementation = MilestoneKind.class))
          @QueryParam("kind")
          List<String> kind,
      @Parameter(
              description = "Only milestones in one of these buffer zones",
              schema = @Schema(type = SchemaType.ARRAY, implementation = Zone.class))
          @QueryParam("zone")
          List<String> zone,
      @BeanParam PageRequest.Params paging,
      @Context UriInfo uri) {
    QueryCheck query = new QueryCheck();
    UUID project = query.read(() -> QueryValues.uuid("projectId", projectId));
    if (projectId == null || projectId.isBlank()) {
      query.require("projectId", null);
    }
    Set<MilestoneStatus> statuses =
        query.read(() -> QueryValues.enumValues(MilestoneStatus.class, "status", status));
    Set<MilestoneKind> kinds =
        query.read(() -> QueryValues.enumValues(MilestoneKind.class, "kind", kind));
    Set<Zone> zones = query.read(() -> QueryValues.enumValues(Zone.class, "zone", zone));
    PageRequest page = query.page(paging);
    query.requireValid();
    Page<Milestone> found =
        milestones.list(
            project, new MilestoneRepository.Filter(statuses, kinds, zones, Buffers.today()), page);
    return PageRequest.respond(found.map(MilestoneResource::view), uri);
  }

  @GET
  @Path("/{id}")
  @Operation(
      operationId = "getMilestone",
      summary = "Get a milestone",
      description =
          "The milestone as it stands today, with its ETag (its version); If-None-Match with it"
              + " answers 304 while it has not changed.")
  @APIResponse(
      responseCode = "200",
      description = "The milestone",
      content = @Content(schema = @Schema(implementation = MilestoneView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such milestone, or the caller may not see its project",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = @ExampleObject(name = "unknown milestone", value = NOT_FOUND_EXAMPLE)))
  public Response get(@PathParam("id") UUID id) {
    return current(milestones.get(id));
  }

  @PATCH
  @Path("/{id}")
  @Consumes({MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
  @Operation(
      operationId = "updateMilestone",
      summary = "Change a milestone",
      description =
          "JSON merge patch of name, description, kind, bufferDays, forecastDate (the team's"
              + " forecast), plannedValue (null clears it) and status (PLANNED or IN_PROGRESS)."
              + " plannedDate is the baseline: re-take it with POST .../baselines and a reason."
              + " A completed milestone keeps its status until it is re-opened. If-Match with the"
              + " milestone's ETag is required. Publishes tollgate.milestone.updated.v1.")
  @APIResponse(
      responseCode = "200",
      description = "The changed milestone",
      content = @Content(schema = @Schema(implementation = MilestoneView.class)))
  @APIResponse(
      responseCode = "400",
      description = "Invalid patch: a field's value, plannedDate, or a status of LATE or COMPLETED",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples =
                  @ExampleObject(
                      name = "planned date",
                      value =
                          "{\"type\":\"https://tollgate.io/problems/validation\",\"title\":"
                              + "\"Request is not valid\",\"status\":400,\"detail\":\"1 field is"
                              + " not valid\",\"violations\":[{\"field\":\"plannedDate\","
                              + "\"message\":\"is the baseline: re-take it with POST"
                              + " /api/v1/milestones/9a3e1f44-5c2b-4d7a-8e61-7b2c9d0e4f13/"
                              + "baselines and a reason\"}]}")))
  @APIResponse(
      responseCode = "404",
      description = "No such milestone, or the caller may not see its project",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "409",
      description = "A status change of a completed milestone",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response update(
      @PathParam("id") UUID id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @Schema(implementation = MilestonePatch.class) JsonNode patch) {
    return current(milestones.update(id, ifMatch, patch));
  }

  @DELETE
  @Path("/{id}")
  @Operation(
      operationId = "deleteMilestone",
      summary = "Delete a milestone",
      description =
          "Deletes the milestone and its dependencies (its history stays) and publishes"
              + " tollgate.milestone.deleted.v1 with its last state. If-Match is required.")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(
      responseCode = "404",
      description = "No such milestone, or the caller may not see its project",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response delete(
      @PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    milestones.delete(id, ifMatch);
    return Response.noContent().build();
  }

  @POST
  @Path("/{id}/completion")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "completeMilestone",
      summary = "Complete a milestone",
      description =
          "Records when the milestone was reached (actualDate, not in the future; today in UTC"
              + " when left out) and publishes tollgate.milestone.completed.v1. If-Match is"
              + " required.")
  @APIResponse(
      responseCode = "200",
      description = "The completed milestone",
      content = @Content(schema = @Schema(implementation = MilestoneView.class)))
  @APIResponse(
      responseCode = "400",
      description = "actualDate is in the future",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "No such milestone, or the caller may not see its project",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "409",
      description = "It is already completed",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "428",
      description = "If-Match is missing",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response complete(
      @PathParam("id") UUID id,
      @Parameter(
              required = true,
              description = "The milestone's ETag: the completion is decided on that version")
          @HeaderParam(HttpHeaders.IF_MATCH)
          String ifMatch,
      @Valid MilestoneCompletion request) {
    return current(milestones.complete(id, ifMatch, request));
  }

  @DELETE
  @Path("/{id}/completion")
  @Operation(
      operationId = "reopenMilestone",
      summary = "Re-open a milestone",
      description =
          "Removes the actual date of a completed milestone, which is open again, and publishes"
              + " tollgate.milestone.updated.v1. If-Match is required.")
  @APIResponse(
      responseCode = "200",
      description = "The re-opened milestone",
      content = @Content(schema = @Schema(implementation = MilestoneView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such milestone, or the caller may not see its project",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "409",
      description = "It is not completed",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response reopen(
      @PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    return current(milestones.reopen(id, ifMatch));
  }

  @POST
  @Path("/{id}/baselines")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "rebaselineMilestone",
      summary = "Re-take a milestone's baseline",
      description =
          "Moves the planned date, keeping the old baseline and the reason in the milestone's"
              + " baselines and history, and publishes tollgate.milestone.updated.v1. If-Match is"
              + " required. Answers the milestone with its new ETag.")
  @APIResponse(
      responseCode = "200",
      description = "The milestone with its new baseline",
      content = @Content(schema = @Schema(implementation = MilestoneView.class)))
  @APIResponse(
      responseCode = "400",
      description = "No plannedDate, or no reason",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "No such milestone, or the caller may not see its project",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "428",
      description = "If-Match is missing",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response rebaseline(
      @PathParam("id") UUID id,
      @Parameter(
              required = true,
              description = "The milestone's ETag: the new baseline is decided on that version")
          @HeaderParam(HttpHeaders.IF_MATCH)
          String ifMatch,
      @NotNull @Valid BaselineCreate request) {
    return current(milestones.rebaseline(id, ifMatch, request));
  }

  @GET
  @Path("/{id}/baselines")
  @Operation(
      operationId = "listMilestoneBaselines",
      summary = "List a milestone's baselines",
      description =
          "Every baseline the milestone had, oldest first: the first with reason \"initial"
              + " baseline\", then each re-take with its reason.")
  @APIResponse(
      responseCode = "200",
      description = "One page of baselines",
      content =
          @Content(
              schema = @Schema(implementation = PageSchemas.Baselines.class),
              examples =
                  @ExampleObject(
                      name = "page",
                      value =
                          "{\"items\":[{\"plannedDate\":\"2026-06-15\",\"reason\":\"initial"
                              + " baseline\",\"takenAt\":\"2026-02-02T10:00:00Z\",\"takenBy\":"
                              + "\"alice\"},{\"plannedDate\":\"2026-07-01\",\"reason\":\"Scope"
                              + " of the audit doubled (CR-42)\",\"takenAt\":"
                              + "\"2026-05-20T08:30:00Z\",\"takenBy\":\"alice\"}],\"page\":0,"
                              + "\"size\":20,\"totalItems\":2,\"totalPages\":1}")))
  @APIResponse(
      responseCode = "404",
      description = "No such milestone, or the caller may not see its project",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response baselines(
      @PathParam("id") UUID id, @BeanParam PageRequest.Params paging, @Context UriInfo uri) {
    QueryCheck query = new QueryCheck();
    PageRequest page = query.page(paging);
    query.requireValid();
    return PageRequest.respond(milestones.baselines(id, page).map(HistoryMapper::toView), uri);
  }

  @GET
  @Path("/{id}/history")
  @Operation(
      operationId = "listMilestoneHistory",
      summary = "Page through a milestone's history",
      description =
          "Every change of the milestone, newest first: who (user id, API key), when, the action,"
              + " the reason of a re-baseline, and the milestone before and after as the API"
              + " showed it. Unless the request gives before, the list is read as it was at the"
              + " request and the Link headers carry that before, so that changes made while a"
              + " client pages through neither repeat nor shift an entry.")
  @APIResponse(
      responseCode = "200",
      description = "One page of the history",
      content =
          @Content(
              schema = @Schema(implementation = PageSchemas.History.class),
              examples =
                  @ExampleObject(
                      name = "page",
                      value =
                          "{\"items\":[{\"seq\":42,\"occurredAt\":"
                              + "\"2026-05-20T08:30:00.123456Z\",\"actor\":\"alice\","
                              + "\"apiKeyId\":null,\"action\":\"COMPLETED\",\"reason\":null,"
                              + "\"before\":{\"status\":\"IN_PROGRESS\",\"version\":2},"
                              + "\"after\":{\"status\":\"COMPLETED\",\"version\":3}}],"
                              + "\"page\":0,\"size\":20,\"totalItems\":1,\"totalPages\":1}")))
  @APIResponse(
      responseCode = "404",
      description = "No such milestone, or the caller may not see its project",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response history(
      @PathParam("id") UUID id,
      @Parameter(
              description =
                  "Only entries older than the one with this seq: pins the list while paging"
                      + " (the Link headers carry it)",
              schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1"))
          @QueryParam("before")
          String before,
      @BeanParam PageRequest.Params paging,
      @Context UriInfo uri) {
    QueryCheck query = new QueryCheck();
    Long pin = query.read(() -> QueryValues.positiveLong("before", before));
    PageRequest page = query.page(paging);
    query.requireValid();
    return PageRequest.respondPinned(
        milestones.history(id, pin, page).map(row -> HistoryMapper.toView(row, mapper)),
        uri,
        "before");
  }
}
