package io.tollgate.project.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.project.mapping.HistoryMapper;
import io.tollgate.project.mapping.ProjectMapper;
import io.tollgate.project.model.Project;
import io.tollgate.project.repository.ProjectRepository;
import io.tollgate.project.service.HistoryService;
import io.tollgate.project.service.ProjectService;
import io.tollgate.rest.Idempotency;
import io.tollgate.rest.MergePatch;
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
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/projects")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Projects", description = "Create, find, change and archive IT projects")
public class ProjectResource {

  private static final String NOT_FOUND_EXAMPLE =
      "{\"type\":\"https://tollgate.io/problems/not-found\",\"title\":\"Resource not found\","
          + "\"status\":404,\"detail\":\"project 3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11 does not"
          + " exist\",\"instance\":\"/api/v1/projects/3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\"}";

  private final ProjectService service;
  private final HistoryService history;
  private final Idempotency idempotency;
  private final ObjectMapper mapper;

  ProjectResource(
      ProjectService service,
      HistoryService history,
      Idempotency idempotency,
      ObjectMapper mapper) {
    this.service = service;
    this.history = history;
    this.idempotency = idempotency;
    this.mapper = mapper;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "createProject",
      summary = "Create a project",
      description =
          "Creates a project in phase INITIATION, optionally with a budget (amount as a decimal"
              + " number or string, ISO 4217 currency), records the caller as its creator and"
              + " publishes tollgate.project.created.v1. Send an Idempotency-Key to make retries"
              + " safe.")
  @APIResponse(
      responseCode = "201",
      description = "Created; Location points at the project",
      content = @Content(schema = @Schema(implementation = ProjectView.class)))
  @APIResponse(
      responseCode = "400",
      description = "Invalid body; violations lists each field",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "The key is taken",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples =
                  @ExampleObject(
                      name = "duplicate key",
                      value =
                          "{\"type\":\"https://tollgate.io/problems/conflict\",\"title\":\"Conflict"
                              + " with the current state\",\"status\":409,\"detail\":\"a project"
                              + " with key CRM already exists\"}")))
  @APIResponse(
      responseCode = "422",
      description = "The Idempotency-Key was used with another body",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response create(
      @NotNull @Valid ProjectCreate request,
      @Parameter(description = "Makes the create safe to retry; e.g. a UUID")
          @HeaderParam(Idempotency.HEADER)
          String idempotencyKey,
      @Context UriInfo uri) {
    return idempotency.once(
        idempotencyKey,
        uri,
        request,
        () -> {
          Project p = service.create(request);
          return Responses.created(uri, p.id, p.version, ProjectMapper.toView(p));
        });
  }

  @GET
  @Path("/{id}")
  @Operation(
      operationId = "getProject",
      summary = "Get a project",
      description =
          "The project with its ETag (its version). With asOf (an RFC 3339 instant, or a date"
              + " for the end of that day in UTC) it is the"
              + " project as it was at that moment, from the snapshots its history keeps (no"
              + " ETag: an earlier state cannot be changed); 404 when it did not exist yet.")
  @APIResponse(
      responseCode = "200",
      description = "The project",
      headers =
          @Header(
              name = "ETag",
              description =
                  "The project's version, for If-Match on a change and If-None-Match on a read;"
                      + " absent with asOf",
              schema = @Schema(type = SchemaType.STRING)),
      content = @Content(schema = @Schema(implementation = ProjectView.class)))
  @APIResponse(
      responseCode = "400",
      description = "asOf is neither an RFC 3339 instant nor a date",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "No such project (at asOf)",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = @ExampleObject(name = "not found", value = NOT_FOUND_EXAMPLE)))
  public Response get(
      @PathParam("id") UUID id,
      @Parameter(
              description =
                  "An instant (RFC 3339, e.g. 2026-03-01T12:00:00Z), or a date (2026-03-01: the"
                      + " end of that day in UTC, as the health and analytics read their asOf):"
                      + " the project as it was then")
          @QueryParam("asOf")
          String asOf) {
    OffsetDateTime at = Params.instantOrEndOfDay("asOf", asOf);
    if (at != null) {
      return Response.ok(HistoryMapper.snapshot(history.snapshotAt(id, at), mapper)).build();
    }
    Project p = service.get(id);
    return Response.ok(ProjectMapper.toView(p)).tag(Preconditions.etag(p.version)).build();
  }

  @GET
  @Operation(
      operationId = "listProjects",
      summary = "List projects",
      description =
          "Pages through projects ordered by key, or by sort; filter by phase, methodology, text"
              + " (in key, name or description) and archived. Link headers point at the next and"
              + " previous pages.")
  @APIResponse(
      responseCode = "200",
      description = "One page of projects",
      content =
          @Content(
              schema = @Schema(implementation = PageSchemas.Projects.class),
              examples =
                  @ExampleObject(
                      name = "page",
                      value =
                          "{\"items\":[{\"id\":\"3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\",\"key\":"
                              + "\"CRM\",\"name\":\"CRM replacement\",\"methodology\":\"AGILE\","
                              + "\"phase\":\"INITIATION\",\"archived\":false,\"version\":0}],"
                              + "\"page\":0,\"size\":20,\"totalItems\":1,\"totalPages\":1}")))
  public Response list(
      @BeanParam ProjectFilterParams filter,
      @Parameter(
              description =
                  "key (default), name, startDate, targetDate, createdAt or updatedAt, with a"
                      + " leading - for descending (sort=-updatedAt: the latest changed first);"
                      + " projects without the date come last either way, equal values by key",
              schema = @Schema(ref = SortSchemas.PROJECTS))
          @QueryParam("sort")
          String sort,
      @BeanParam PageRequest.Params paging,
      @Context UriInfo uri) {
    QueryCheck query = new QueryCheck();
    ProjectRepository.Filter filters = filter.toFilter(query);
    QueryValues.Sorting<ProjectRepository.Order> order =
        query.read(
            () ->
                QueryValues.sorting(
                    ProjectRepository.Order.class, sort, ProjectRepository.Order.KEY));
    PageRequest page = query.page(paging);
    query.requireValid();
    return PageRequest.respond(service.list(filters, order, page).map(ProjectMapper::toView), uri);
  }

  @PATCH
  @Path("/{id}")
  @Consumes({MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
  @Operation(
      operationId = "updateProject",
      summary = "Change a project",
      description =
          "Applies a JSON merge patch to name, description, methodology, startDate, targetDate"
              + " and budget ({amount, currency}; null removes it). The phase changes only through"
              + " phase transitions. If-Match with the current ETag is required (428 without, 412"
              + " when stale). Publishes tollgate.project.updated.v1 when something changed.")
  @APIResponse(
      responseCode = "200",
      description = "The changed project",
      content = @Content(schema = @Schema(implementation = ProjectView.class)))
  @APIResponse(
      responseCode = "412",
      description = "The project changed since the ETag was read",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response update(
      @PathParam("id") UUID id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @Schema(implementation = ProjectPatch.class) JsonNode patch) {
    Project p = service.update(id, ifMatch, patch);
    return Response.ok(ProjectMapper.toView(p)).tag(Preconditions.etag(p.version)).build();
  }

  @DELETE
  @Path("/{id}")
  @Operation(
      operationId = "archiveProject",
      summary = "Archive a project",
      description =
          "Archives the project (it stays readable with archived=true and leaves default lists)."
              + " If-Match is required. Publishes tollgate.project.archived.v1.")
  @APIResponse(
      responseCode = "204",
      description = "Archived",
      headers = @Header(name = "ETag", ref = "ETag"))
  @APIResponse(
      responseCode = "409",
      description = "Already archived",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response archive(
      @PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    Project p = service.archive(id, ifMatch);
    return Response.noContent().tag(Preconditions.etag(p.version)).build();
  }
}
