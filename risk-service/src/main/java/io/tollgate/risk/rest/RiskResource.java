package io.tollgate.risk.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.rest.ContentTag;
import io.tollgate.rest.Idempotency;
import io.tollgate.rest.MergePatch;
import io.tollgate.rest.Page;
import io.tollgate.rest.PageRequest;
import io.tollgate.rest.Preconditions;
import io.tollgate.rest.Problem;
import io.tollgate.rest.QueryCheck;
import io.tollgate.rest.QueryValues;
import io.tollgate.rest.Responses;
import io.tollgate.risk.mapping.RiskMapper;
import io.tollgate.risk.model.Risk;
import io.tollgate.risk.model.RiskCategory;
import io.tollgate.risk.model.RiskLevel;
import io.tollgate.risk.model.RiskStatus;
import io.tollgate.risk.repository.RiskRepository;
import io.tollgate.risk.service.RiskService;
import io.tollgate.risk.service.Times;
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
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/risks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
    name = "Risks",
    description =
        "A project's risk register: assessments, responses, closure, heat map and exposure")
public class RiskResource {

  private static final String NOT_FOUND_EXAMPLE =
      "{\"type\":\"https://tollgate.io/problems/not-found\",\"title\":\"Resource not found\","
          + "\"status\":404,\"detail\":\"risk 6e1d2c3b-4a5f-4e6d-8c7b-9a0f1e2d3c4b does not"
          + " exist\"}";

  private static final String PROJECT_NOT_FOUND_EXAMPLE =
      "{\"type\":\"https://tollgate.io/problems/not-found\",\"title\":\"Resource not found\","
          + "\"status\":404,\"detail\":\"project 3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11 does not"
          + " exist\"}";

  private final RiskService risks;
  private final Idempotency idempotency;

  RiskResource(RiskService risks, Idempotency idempotency) {
    this.risks = risks;
    this.idempotency = idempotency;
  }

  private static RiskView view(Risk r) {
    return RiskMapper.toView(r, Times.today());
  }

  private static Response current(Risk r) {
    return Response.ok(view(r)).tag(Preconditions.etag(r.version)).build();
  }

  /** The project a project-wide read names: required and an id, else a 400. */
  private static UUID project(QueryCheck query, String projectId) {
    UUID project = query.read(() -> QueryValues.uuid("projectId", projectId));
    if (projectId == null || projectId.isBlank()) {
      query.require("projectId", null);
    }
    return project;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "createRisk",
      summary = "Register a risk",
      description =
          "Registers a risk of a project (write access: EDITOR, OWNER or ADMIN) with its first"
              + " assessment (reason \"identified\"): score = probability x impact, level from the"
              + " default matrix. Publishes tollgate.risk.assessed.v1. Send an Idempotency-Key to"
              + " make retries safe.")
  @APIResponse(
      responseCode = "201",
      description = "Registered; Location points at the risk",
      content = @Content(schema = @Schema(implementation = RiskView.class)))
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
                  @ExampleObject(name = "unknown project", value = PROJECT_NOT_FOUND_EXAMPLE)))
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
                              + "\"project CRM is archived; no risk can be registered for"
                              + " it\"}")))
  public Response create(
      @NotNull @Valid RiskCreate request,
      @Parameter(description = "Makes the create safe to retry; e.g. a UUID")
          @HeaderParam(Idempotency.HEADER)
          String idempotencyKey,
      @Context UriInfo uri) {
    return idempotency.once(
        idempotencyKey,
        uri,
        request,
        () -> {
          Risk r = risks.create(request);
          return Responses.created(uri, r.id, r.version, view(r));
        });
  }

  @GET
  @Operation(
      operationId = "listRisks",
      summary = "List a project's risks",
      description =
          "Pages through the project's risk register by score (highest first), then title, then"
              + " id. Filter by status, level and category (each may repeat: any of the values).")
  @APIResponse(
      responseCode = "200",
      description = "One page of risks",
      content =
          @Content(
              schema = @Schema(implementation = PageSchemas.Risks.class),
              examples =
                  @ExampleObject(
                      name = "page",
                      value =
                          "{\"items\":[{\"id\":\"6e1d2c3b-4a5f-4e6d-8c7b-9a0f1e2d3c4b\","
                              + "\"projectId\":\"3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\","
                              + "\"title\":\"Legacy CRM export is incomplete\",\"description\":"
                              + "null,\"category\":\"INTEGRATION\",\"probability\":4,\"impact\":"
                              + "5,\"score\":20,\"level\":\"CRITICAL\",\"chance\":\"0.6\","
                              + "\"owner\":null,\"strategy\":null,\"costImpact\":null,"
                              + "\"scheduleImpactDays\":null,\"milestoneIds\":[],"
                              + "\"residualProbability\":null,\"residualImpact\":null,"
                              + "\"residualScore\":null,\"residualLevel\":null,\"status\":"
                              + "\"OPEN\",\"closedReason\":null,\"lastAssessedAt\":"
                              + "\"2026-03-10T08:15:00Z\",\"nextReviewDate\":\"2026-03-17\","
                              + "\"reviewOverdue\":false,\"version\":0,\"createdAt\":"
                              + "\"2026-03-10T08:15:00Z\",\"updatedAt\":"
                              + "\"2026-03-10T08:15:00Z\"}],\"page\":0,\"size\":20,"
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
              description = "The project whose risks to list",
              schema = @Schema(type = SchemaType.STRING, format = "uuid"))
          @QueryParam("projectId")
          String projectId,
      @Parameter(
              description = "Only risks in one of these statuses",
              schema = @Schema(type = SchemaType.ARRAY, implementation = RiskStatus.class))
          @QueryParam("status")
          List<String> status,
      @Parameter(
              description = "Only risks of one of these levels",
              schema = @Schema(type = SchemaType.ARRAY, implementation = RiskLevel.class))
          @QueryParam("level")
          List<String> level,
      @Parameter(
              description = "Only risks of one of these categories",
              schema = @Schema(type = SchemaType.ARRAY, implementation = RiskCategory.class))
          @QueryParam("category")
          List<String> category,
      @BeanParam PageRequest.Params paging,
      @Context UriInfo uri) {
    QueryCheck query = new QueryCheck();
    UUID project = project(query, projectId);
    Set<RiskStatus> statuses =
        query.read(() -> QueryValues.enumValues(RiskStatus.class, "status", status));
    Set<RiskLevel> levels =
        query.read(() -> QueryValues.enumValues(RiskLevel.class, "level", level));
    Set<RiskCategory> categories =
        query.read(() -> QueryValues.enumValues(RiskCategory.class, "category", category));
    PageRequest page = query.page(paging);
    query.requireValid();
    Page<Risk> found =
        risks.list(project, new RiskRepository.Filter(statuses, levels, categories), page);
    return PageRequest.respond(found.map(RiskResource::view), uri);
  }

  @GET
  @Path("/heatmap")
  @ContentTag
  @Operation(
      operationId = "getRiskHeatmap",
      summary = "A project's risk heat map",
      description =
          "The project's open risks in the 5x5 matrix (probability x impact): every cell with its"
              + " score, level, count and risk ids, and the open risks per level. Its ETag is a"
              + " digest of the answer: If-None-Match with it answers 304 while no open risk of"
              + " the project has changed.")
  @APIResponse(
      responseCode = "200",
      description = "The heat map",
      content = @Content(schema = @Schema(implementation = HeatmapView.class)))
  @APIResponse(
      responseCode = "400",
      description = "No projectId, or one that is not an id",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "No such project, or the caller may not see it",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public HeatmapView heatmap(
      @Parameter(
              required = true,
              description = "The project whose open risks to map",
              schema = @Schema(type = SchemaType.STRING, format = "uuid"))
          @QueryParam("projectId")
          String projectId) {
    QueryCheck query = new QueryCheck();
    UUID project = project(query, projectId);
    query.requireValid();
    return risks.heatmap(project);
  }

  @GET
  @Path("/exposure")
  @ContentTag
  @Operation(
      operationId = "getRiskExposure",
      summary = "A project's risk exposure",
      description =
          "What the project's open risks are expected to cost: Σ chance(probability) x costImpact"
              + " and Σ chance(probability) x scheduleImpactDays, in total and per linked"
              + " milestone, as exact decimal strings (chance: 1 = 5 %, 2 = 20 %, 3 = 40 %,"
              + " 4 = 60 %, 5 = 85 %). Its ETag is a digest of the answer: If-None-Match with it"
              + " answers 304 while the exposure has not changed.")
  @APIResponse(
      responseCode = "200",
      description = "The exposure",
      content = @Content(schema = @Schema(implementation = ExposureView.class)))
  @APIResponse(
      responseCode = "400",
      description = "No projectId, or one that is not an id",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "No such project, or the caller may not see it",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public ExposureView exposure(
      @Parameter(
              required = true,
              description = "The project whose open risks to sum",
              schema = @Schema(type = SchemaType.STRING, format = "uuid"))
          @QueryParam("projectId")
          String projectId) {
    QueryCheck query = new QueryCheck();
    UUID project = project(query, projectId);
    query.requireValid();
    return risks.exposure(project);
  }

  @GET
  @Path("/{id}")
  @Operation(
      operationId = "getRisk",
      summary = "Get a risk",
      description =
          "The risk with its review judged today (UTC) and its ETag (its version); If-None-Match"
              + " with it answers 304 while it has not changed.")
  @APIResponse(
      responseCode = "200",
      description = "The risk",
      content = @Content(schema = @Schema(implementation = RiskView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such risk, or the caller may not see its project",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = @ExampleObject(name = "unknown risk", value = NOT_FOUND_EXAMPLE)))
  public Response get(@PathParam("id") UUID id) {
    return current(risks.get(id));
  }

  @PATCH
  @Path("/{id}")
  @Consumes({MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
  @Operation(
      operationId = "updateRisk",
      summary = "Change or re-assess a risk",
      description =
          "JSON merge patch of any field but projectId. A change of probability, impact or the"
              + " residuals is a re-assessment: it is recorded in the risk's assessments and"
              + " restarts its review interval. If-Match with the risk's ETag is required."
              + " Publishes tollgate.risk.assessed.v1; a patch that changes nothing publishes"
              + " nothing. A closed risk is not changed (409): re-open it first with DELETE"
              + " /api/v1/risks/{id}/closure.")
  @APIResponse(
      responseCode = "200",
      description = "The changed risk",
      content = @Content(schema = @Schema(implementation = RiskView.class)))
  @APIResponse(
      responseCode = "400",
      description = "Invalid patch; violations lists each field",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples =
                  @ExampleObject(
                      name = "residuals",
                      value =
                          "{\"type\":\"https://tollgate.io/problems/validation\",\"title\":"
                              + "\"Request is not valid\",\"status\":400,\"detail\":\"1 field is"
                              + " not valid\",\"violations\":[{\"field\":\"residualImpact\","
                              + "\"message\":\"is required with residualProbability (both or"
                              + " neither)\"}]}")))
  @APIResponse(
      responseCode = "404",
      description = "No such risk, or the caller may not see its project",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "409",
      description = "The risk is closed: re-open it first",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response update(
      @PathParam("id") UUID id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @Schema(implementation = RiskPatch.class) JsonNode patch) {
    return current(risks.update(id, ifMatch, patch));
  }

  @POST
  @Path("/{id}/closure")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "closeRisk",
      summary = "Close a risk",
      description =
          "Closes the risk with a reason (it no longer threatens the project) and publishes"
              + " tollgate.risk.closed.v1. If-Match is required.")
  @APIResponse(
      responseCode = "200",
      description = "The closed risk",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(schema = @Schema(implementation = RiskView.class)))
  @APIResponse(
      responseCode = "400",
      description = "No reason, or one longer than 2000 characters",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "No such risk, or the caller may not see its project",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "409",
      description = "It is already closed",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "428",
      description = "If-Match is missing",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response close(
      @PathParam("id") UUID id,
      @Parameter(
              required = true,
              description = "The risk's ETag: the closure is decided on that version")
          @HeaderParam(HttpHeaders.IF_MATCH)
          String ifMatch,
      @NotNull @Valid RiskClosure request) {
    return current(risks.close(id, ifMatch, request));
  }

  @DELETE
  @Path("/{id}/closure")
  @Operation(
      operationId = "reopenRisk",
      summary = "Re-open a risk",
      description =
          "Re-opens a closed risk (its closedReason goes) and publishes tollgate.risk.assessed.v1."
              + " If-Match is required.")
  @APIResponse(
      responseCode = "200",
      description = "The re-opened risk",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(schema = @Schema(implementation = RiskView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such risk, or the caller may not see its project",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "409",
      description = "It is not closed",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response reopen(
      @PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    return current(risks.reopen(id, ifMatch));
  }

  @GET
  @Path("/{id}/assessments")
  @Operation(
      operationId = "listRiskAssessments",
      summary = "List a risk's assessments",
      description =
          "Every assessment of the risk, oldest first: the first with reason \"identified\", then"
              + " each re-assessment with what it changed.")
  @APIResponse(
      responseCode = "200",
      description = "One page of assessments",
      content =
          @Content(
              schema = @Schema(implementation = PageSchemas.Assessments.class),
              examples =
                  @ExampleObject(
                      name = "page",
                      value =
                          "{\"items\":[{\"seq\":7,\"probability\":4,\"impact\":5,\"score\":20,"
                              + "\"level\":\"CRITICAL\",\"residualProbability\":null,"
                              + "\"residualImpact\":null,\"residualScore\":null,"
                              + "\"residualLevel\":null,\"assessedAt\":"
                              + "\"2026-03-10T08:15:00Z\",\"assessedBy\":\"alice\",\"apiKeyId\":"
                              + "null,\"reason\":\"identified\"},{\"seq\":12,\"probability\":2,"
                              + "\"impact\":5,\"score\":10,\"level\":\"HIGH\","
                              + "\"residualProbability\":null,\"residualImpact\":null,"
                              + "\"residualScore\":null,\"residualLevel\":null,\"assessedAt\":"
                              + "\"2026-03-24T09:00:00Z\",\"assessedBy\":\"alice\",\"apiKeyId\":"
                              + "null,\"reason\":\"probability 4 -> 2\"}],\"page\":0,\"size\":"
                              + "20,\"totalItems\":2,\"totalPages\":1}")))
  @APIResponse(
      responseCode = "404",
      description = "No such risk, or the caller may not see its project",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response assessments(
      @PathParam("id") UUID id, @BeanParam PageRequest.Params paging, @Context UriInfo uri) {
    QueryCheck query = new QueryCheck();
    PageRequest page = query.page(paging);
    query.requireValid();
    return PageRequest.respond(risks.assessments(id, page).map(RiskMapper::toView), uri);
  }
}
