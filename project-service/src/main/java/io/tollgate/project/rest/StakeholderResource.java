package io.tollgate.project.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.project.mapping.StakeholderMapper;
import io.tollgate.project.model.Stakeholder;
import io.tollgate.project.model.StakeholderRole;
import io.tollgate.project.repository.StakeholderRepository;
import io.tollgate.project.service.StakeholderService;
import io.tollgate.rest.Idempotency;
import io.tollgate.rest.MergePatch;
import io.tollgate.rest.PageRequest;
import io.tollgate.rest.Preconditions;
import io.tollgate.rest.Problem;
import io.tollgate.rest.QueryCheck;
import io.tollgate.rest.QueryValues;
import io.tollgate.rest.Responses;
import io.tollgate.security.AccessRole;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/projects/{id}/stakeholders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Stakeholders", description = "Who has a stake in a project, and their access")
public class StakeholderResource {

  static final String LAST_OWNER_EXAMPLE =
      "{\"type\":\"https://tollgate.io/problems/conflict\",\"title\":\"Conflict with the current"
          + " state\",\"status\":409,\"detail\":\"alice is the last OWNER of project CRM and cannot"
          + " be removed; make someone else an OWNER first\"}";

  private final StakeholderService stakeholders;
  private final Idempotency idempotency;

  StakeholderResource(StakeholderService stakeholders, Idempotency idempotency) {
    this.stakeholders = stakeholders;
    this.idempotency = idempotency;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "addStakeholder",
      summary = "Add a stakeholder",
      description =
          "Adds a person with their role, influence and interest (1-5) and an access role on the"
              + " project (OWNER, EDITOR, VIEWER). A user is a stakeholder of a project at most"
              + " once (409). Publishes tollgate.project.member-added.v1. Send an Idempotency-Key"
              + " to make retries safe.")
  @APIResponse(
      responseCode = "201",
      description = "Added; Location points at the stakeholder",
      content = @Content(schema = @Schema(implementation = StakeholderView.class)))
  @APIResponse(
      responseCode = "400",
      description = "Invalid body; violations lists each field",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "Already a stakeholder, or the project is archived",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response add(
      @PathParam("id") UUID id,
      @NotNull @Valid StakeholderCreate request,
      @Parameter(description = "Makes the create safe to retry; e.g. a UUID")
          @HeaderParam(Idempotency.HEADER)
          String idempotencyKey,
      @Context UriInfo uri) {
    // before a replay too: a caller who is no longer an OWNER gets no stored 201
    stakeholders.authorizeAdd(id);
    return idempotency.once(
        idempotencyKey,
        uri,
        request,
        () -> {
          Stakeholder s = stakeholders.add(id, request);
          return Responses.created(uri, s.id, s.version, StakeholderMapper.toView(s));
        });
  }

  @GET
  @Operation(
      operationId = "listStakeholders",
      summary = "List a project's stakeholders",
      description =
          "Pages through the stakeholders by name; filter by role and accessRole. Each shows its"
              + " quadrant on the influence/interest grid.")
  @APIResponse(
      responseCode = "200",
      description = "One page of stakeholders",
      content =
          @Content(
              schema = @Schema(implementation = PageSchemas.Stakeholders.class),
              examples =
                  @ExampleObject(
                      name = "page",
                      value =
                          "{\"items\":[{\"id\":\"5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e\","
                              + "\"userId\":\"alice\",\"name\":\"alice\",\"role\":"
                              + "\"PROJECT_MANAGER\",\"influence\":5,\"interest\":5,\"quadrant\":"
                              + "\"MANAGE_CLOSELY\",\"accessRole\":\"OWNER\",\"version\":0}],"
                              + "\"page\":0,\"size\":20,\"totalItems\":1,\"totalPages\":1}")))
  public Response list(
      @PathParam("id") UUID id,
      @Parameter(
              description = "Only stakeholders with this role",
              schema = @Schema(implementation = StakeholderRole.class))
          @QueryParam("role")
          String role,
      @Parameter(
              description = "Only stakeholders with this access",
              schema = @Schema(implementation = AccessRole.class))
          @QueryParam("accessRole")
          String accessRole,
      @Parameter(
              description =
                  "Only the stakeholder with this user id: a UI asks with the signed-in user's"
                      + " own id to learn their access role on the project. What the user may do"
                      + " also depends on their platform role (ADMIN or PMO in the token's groups"
                      + " need no membership) and on a read-only API key's scope")
          @QueryParam("userId")
          String userId,
      @BeanParam PageRequest.Params paging,
      @Context UriInfo uri) {
    QueryCheck query = new QueryCheck();
    StakeholderRole ofRole =
        query.read(() -> QueryValues.enumValue(StakeholderRole.class, "role", role));
    AccessRole ofAccess =
        query.read(() -> QueryValues.enumValue(AccessRole.class, "accessRole", accessRole));
    PageRequest page = query.page(paging);
    query.requireValid();
    return PageRequest.respond(
        stakeholders
            .list(
                id,
                new StakeholderRepository.Filter(
                    ofRole, ofAccess, userId == null || userId.isBlank() ? null : userId),
                page)
            .map(StakeholderMapper::toView),
        uri);
  }

  @GET
  @Path("/{stakeholderId}")
  @Operation(
      operationId = "getStakeholder",
      summary = "Get a stakeholder",
      description = "One stakeholder, with its ETag.")
  @APIResponse(
      responseCode = "200",
      description = "The stakeholder",
      content = @Content(schema = @Schema(implementation = StakeholderView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such project or stakeholder",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response get(@PathParam("id") UUID id, @PathParam("stakeholderId") UUID stakeholderId) {
    Stakeholder s = stakeholders.get(id, stakeholderId);
    return Response.ok(StakeholderMapper.toView(s)).tag(Preconditions.etag(s.version)).build();
  }

  @PATCH
  @Path("/{stakeholderId}")
  @Consumes({MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
  @Operation(
      operationId = "updateStakeholder",
      summary = "Change a stakeholder",
      description =
          "JSON merge patch of name, email, role, influence, interest and accessRole. The last"
              + " OWNER cannot be demoted (409). If-Match with the stakeholder's ETag is required."
              + " Publishes tollgate.project.member-changed.v1.")
  @APIResponse(
      responseCode = "200",
      description = "The changed stakeholder",
      content = @Content(schema = @Schema(implementation = StakeholderView.class)))
  @APIResponse(
      responseCode = "409",
      description = "The last OWNER would be demoted",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = @ExampleObject(name = "last owner", value = LAST_OWNER_EXAMPLE)))
  @APIResponse(
      responseCode = "412",
      description = "The stakeholder changed since the ETag was read",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response update(
      @PathParam("id") UUID id,
      @PathParam("stakeholderId") UUID stakeholderId,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @Schema(implementation = StakeholderPatch.class) JsonNode patch) {
    Stakeholder s = stakeholders.update(id, stakeholderId, ifMatch, patch);
    return Response.ok(StakeholderMapper.toView(s)).tag(Preconditions.etag(s.version)).build();
  }

  @DELETE
  @Path("/{stakeholderId}")
  @Operation(
      operationId = "removeStakeholder",
      summary = "Remove a stakeholder",
      description =
          "Removes the stakeholder and their access. The last OWNER cannot be removed (409)."
              + " If-Match is required. Publishes tollgate.project.member-removed.v1.")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(
      responseCode = "409",
      description = "The last OWNER would be removed",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = @ExampleObject(name = "last owner", value = LAST_OWNER_EXAMPLE)))
  public Response remove(
      @PathParam("id") UUID id,
      @PathParam("stakeholderId") UUID stakeholderId,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    stakeholders.remove(id, stakeholderId, ifMatch);
    return Response.noContent().build();
  }
}
