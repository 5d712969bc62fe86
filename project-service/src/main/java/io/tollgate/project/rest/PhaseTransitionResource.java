package io.tollgate.project.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.project.mapping.LifecycleMapper;
import io.tollgate.project.model.PhaseTransition;
import io.tollgate.project.service.LifecycleService;
import io.tollgate.rest.Idempotency;
import io.tollgate.rest.PageRequest;
import io.tollgate.rest.PinnedPage;
import io.tollgate.rest.Preconditions;
import io.tollgate.rest.Problem;
import io.tollgate.rest.QueryCheck;
import io.tollgate.rest.QueryValues;
import io.tollgate.rest.Responses;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/projects/{id}/phase-transitions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Lifecycle", description = "Phase transitions through gates")
public class PhaseTransitionResource {

  static final String GATE_REFUSAL_EXAMPLE =
      "{\"type\":\"https://tollgate.io/problems/conflict\",\"title\":\"Conflict with the current"
          + " state\",\"status\":409,\"detail\":\"TESTING -> DEPLOYMENT is refused: 2 gate criteria"
          + " are not met\",\"instance\":\"/api/v1/projects/3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11/"
          + "phase-transitions\",\"from\":\"TESTING\",\"to\":\"DEPLOYMENT\",\"unmetCriteria\":[{"
          + "\"ruleId\":\"agile.enter-deployment.audits\",\"boundary\":\"ENTRY\",\"phase\":"
          + "\"DEPLOYMENT\",\"criterion\":\"MILESTONES_COMPLETED\",\"parameter\":\"SECURITY_AUDIT,"
          + "USER_ACCEPTANCE_TESTING\",\"description\":\"Every security audit and user acceptance"
          + " testing milestone is completed\",\"met\":false,\"message\":\"1 SECURITY_AUDIT or"
          + " USER_ACCEPTANCE_TESTING milestone(s) not completed\",\"milestoneIds\":["
          + "\"9a3e1f44-5c2b-4d7a-8e61-7b2c9d0e4f13\"],\"riskIds\":[]},{\"ruleId\":"
          + "\"agile.enter-deployment.risks\",\"boundary\":\"ENTRY\",\"phase\":\"DEPLOYMENT\","
          + "\"criterion\":\"NO_OPEN_RISK\",\"parameter\":\"CRITICAL\",\"description\":\"No open"
          + " risk is rated CRITICAL\",\"met\":false,\"message\":\"1 open risk(s) rated CRITICAL\","
          + "\"milestoneIds\":[],\"riskIds\":[\"6e1d2c3b-4a5f-4e6d-8c7b-9a0f1e2d3c4b\"]}]}";

  static final String INVALID_TRANSITION_EXAMPLE =
      "{\"type\":\"https://tollgate.io/problems/conflict\",\"title\":\"Conflict with the current"
          + " state\",\"status\":409,\"detail\":\"EXECUTION -> DEPLOYMENT is not a valid transition:"
          + " phases are not skipped: after EXECUTION comes TESTING\",\"from\":\"EXECUTION\","
          + "\"to\":\"DEPLOYMENT\",\"allowedTargets\":[\"TESTING\",\"INITIATION\",\"PLANNING\","
          + "\"ON_HOLD\",\"CANCELLED\"]}";

  private final LifecycleService lifecycle;
  private final Idempotency idempotency;
  private final ObjectMapper mapper;

  PhaseTransitionResource(
      LifecycleService lifecycle, Idempotency idempotency, ObjectMapper mapper) {
    this.lifecycle = lifecycle;
    this.idempotency = idempotency;
    this.mapper = mapper;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "transitionProjectPhase",
      summary = "Move a project to another phase",
      description =
          "Phases run INITIATION -> PLANNING -> EXECUTION -> TESTING -> DEPLOYMENT -> MAINTENANCE"
              + " -> CLOSED. Allowed: the next phase (checked against the gates: EXIT rules of the"
              + " phase left, ENTRY rules of the phase entered), any earlier phase (rework, checked"
              + " against the ENTRY rules of the phase it goes back into),"
              + " ON_HOLD and back into the held phase (resume, checked against that phase's ENTRY"
              + " rules), CANCELLED. Skipping forward,"
              + " leaving CLOSED or CANCELLED and moving an archived project answer 409. A refusal"
              + " by the gates answers 409 with unmetCriteria, each naming the blocking milestone"
              + " or risk ids. An ADMIN may pass unmet gates by sending overrideJustification; the"
              + " override is recorded with the criteria it overrode. With overriddenRuleIds it"
              + " covers only the criteria named there, and another unmet one answers 409."
              + " If-Match is optional (when"
              + " sent it must be the project's ETag); Idempotency-Key makes retries safe."
              + " Publishes tollgate.project.phase-changed.v1.")
  @APIResponse(
      responseCode = "201",
      description = "The transition; ETag is the project's new version",
      content = @Content(schema = @Schema(implementation = PhaseTransitionView.class)))
  @APIResponse(
      responseCode = "400",
      description = "Missing reason, unknown phase",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "403",
      description =
          "overrideJustification sent by a caller who is not ADMIN, or a move to CLOSED or"
              + " CANCELLED (which nothing follows) by a caller who is not an OWNER of the project"
              + " or an ADMIN",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "409",
      description =
          "Refused by the gates (unmetCriteria) or not a valid transition (allowedTargets)",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = TransitionRefusal.class),
              examples = {
                @ExampleObject(name = "gates not passed", value = GATE_REFUSAL_EXAMPLE),
                @ExampleObject(name = "phase skipped", value = INVALID_TRANSITION_EXAMPLE)
              }))
  @APIResponse(
      responseCode = "412",
      description = "If-Match names another version",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response create(
      @PathParam("id") UUID id,
      @NotNull @Valid PhaseTransitionRequest request,
      @Parameter(description = "Makes the command safe to retry; e.g. a UUID")
          @HeaderParam(Idempotency.HEADER)
          String idempotencyKey,
      @Parameter(description = "Optional: the project's ETag the move was decided on")
          @HeaderParam(HttpHeaders.IF_MATCH)
          String ifMatch,
      @Context UriInfo uri) {
    // before a replay too: a caller who has lost the right to this move gets no stored 201
    lifecycle.authorize(id, request);
    return idempotency.once(
        idempotencyKey,
        uri,
        request,
        () -> {
          PhaseTransition t = lifecycle.transition(id, ifMatch, request);
          return Responses.created(uri, t.id, t.projectVersion, LifecycleMapper.toView(t, mapper));
        });
  }

  @GET
  @Operation(
      operationId = "listPhaseTransitions",
      summary = "List a project's phase transitions",
      description =
          "Pages through the project's phase changes, newest first. Unless the request gives"
              + " before, the list is read as it was at the request (before = one past the"
              + " project's version after its newest change) and the Link headers carry that"
              + " before, so that a transition made while a client pages through, from whichever"
              + " page it starts on, shifts nothing.")
  @APIResponse(
      responseCode = "200",
      description = "One page of transitions",
      content =
          @Content(
              schema = @Schema(implementation = PageSchemas.PhaseTransitions.class),
              examples =
                  @ExampleObject(
                      name = "page",
                      value =
                          "{\"items\":[{\"id\":\"c0d1e2f3-a4b5-4c6d-8e7f-9a0b1c2d3e4f\","
                              + "\"projectId\":\"3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\",\"from\":"
                              + "\"PLANNING\",\"to\":\"EXECUTION\",\"kind\":\"ADVANCE\",\"reason\":"
                              + "\"Plan approved\",\"changedBy\":\"alice\",\"changedAt\":"
                              + "\"2026-02-10T09:00:00Z\",\"projectVersion\":3}],\"page\":0,"
                              + "\"size\":20,\"totalItems\":1,\"totalPages\":1}")))
  public Response list(
      @PathParam("id") UUID id,
      @Parameter(
              description =
                  "Only transitions made before the project reached this version (a"
                      + " transition's projectVersion): pins the list while paging (the Link"
                      + " headers carry it)",
              schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1"))
          @QueryParam("before")
          String before,
      @BeanParam PageRequest.Params paging,
      @Context UriInfo uri) {
    QueryCheck query = new QueryCheck();
    Long beforeVersion = query.read(() -> QueryValues.positiveLong("before", before));
    PageRequest paged = query.page(paging);
    query.requireValid();
    PinnedPage<PhaseTransitionView> page =
        lifecycle.transitions(id, beforeVersion, paged).map(t -> LifecycleMapper.toView(t, mapper));
    return PageRequest.respondPinned(page, uri, "before");
  }

  @GET
  @Path("/{transitionId}")
  @Operation(
      operationId = "getPhaseTransition",
      summary = "Get a phase transition",
      description =
          "One phase change of the project. Its ETag is the project's version right after it, as"
              + " in the 201 that created it; a transition never changes, so If-None-Match with it"
              + " answers 304.")
  @APIResponse(
      responseCode = "200",
      description = "The transition",
      content = @Content(schema = @Schema(implementation = PhaseTransitionView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such project or transition",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response get(@PathParam("id") UUID id, @PathParam("transitionId") UUID transitionId) {
    PhaseTransition t = lifecycle.transition(id, transitionId);
    return Response.ok(LifecycleMapper.toView(t, mapper))
        .tag(Preconditions.etag(t.projectVersion))
        .build();
  }
}
