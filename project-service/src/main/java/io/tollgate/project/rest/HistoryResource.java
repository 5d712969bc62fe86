package io.tollgate.project.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.project.mapping.HistoryMapper;
import io.tollgate.project.repository.HistoryRepository;
import io.tollgate.project.service.History;
import io.tollgate.project.service.HistoryService;
import io.tollgate.rest.PageRequest;
import io.tollgate.rest.PinnedPage;
import io.tollgate.rest.Problem;
import io.tollgate.rest.QueryCheck;
import io.tollgate.rest.QueryValues;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/projects/{id}/history")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "Who changed what, when; the project as it was")
public class HistoryResource {

  private final HistoryService history;
  private final ObjectMapper mapper;

  HistoryResource(HistoryService history, ObjectMapper mapper) {
    this.history = history;
    this.mapper = mapper;
  }

  @GET
  @Operation(
      operationId = "listProjectHistory",
      summary = "Page through a project's history",
      description =
          "Every change to the project, its phase, stakeholders, budget, cost ledger, benefits and"
              + " KPIs, newest first: who (the caller's user id), when, what (changedFields, and"
              + " the thing before and after as the API showed it). Filter by entityType, entityId"
              + " (one stakeholder, cost entry, KPI, ...), actor and a time range (from, to; RFC"
              + " 3339, inclusive). Unless the request gives before, the list is read as it was"
              + " at the request (before = one past its newest matching change) and the Link"
              + " headers carry that before, so that changes made while a client pages through,"
              + " from whichever page it starts on, neither repeat nor shift an entry.")
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
                          "{\"items\":[{\"sequence\":1042,\"at\":\"2026-02-10T09:00:00.123456Z\","
                              + "\"actor\":\"alice\",\"action\":\"PROJECT_UPDATED\","
                              + "\"entityType\":\"PROJECT\",\"entityId\":"
                              + "\"3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\",\"changedFields\":"
                              + "[\"budget\"],\"before\":{\"budget\":null},\"after\":{\"budget\":"
                              + "{\"amount\":\"250000.00\",\"currency\":\"EUR\"}}}],\"page\":0,"
                              + "\"size\":20,\"totalItems\":1,\"totalPages\":1}")))
  @APIResponse(
      responseCode = "400",
      description = "Unknown entityType, bad timestamps or to before from",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response changes(
      @PathParam("id") UUID id,
      @Parameter(
              description =
                  "Only changes to PROJECT, PHASE_TRANSITION, STAKEHOLDER, COST_ENTRY, BENEFIT, KPI"
                      + " or KPI_MEASUREMENT",
              schema = @Schema(implementation = History.Entity.class))
          @QueryParam("entityType")
          String entityType,
      @Parameter(
              description =
                  "Only changes to this entity: the entityId of a history entry (a project,"
                      + " stakeholder, cost entry, benefit, KPI, measurement or phase transition"
                      + " id)",
              schema = @Schema(type = SchemaType.STRING, format = "uuid"))
          @QueryParam("entityId")
          String entityId,
      @Parameter(description = "Only changes made by this user id") @QueryParam("actor")
          String actor,
      @Parameter(description = "Only changes at or after (RFC 3339)") @QueryParam("from")
          String from,
      @Parameter(description = "Only changes at or before (RFC 3339)") @QueryParam("to") String to,
      @Parameter(
              description =
                  "Only changes older than the one with this sequence: pins the list while paging"
                      + " (the Link headers carry it)",
              schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1"))
          @QueryParam("before")
          String before,
      @BeanParam PageRequest.Params paging,
      @Context UriInfo uri) {
    QueryCheck query = new QueryCheck();
    OffsetDateTime fromTime = query.read(() -> Params.instant("from", from));
    OffsetDateTime toTime = query.read(() -> Params.instant("to", to));
    query.check(() -> Params.inOrder("from", fromTime, "to", toTime));
    History.Entity entity =
        query.read(() -> QueryValues.enumValue(History.Entity.class, "entityType", entityType));
    Long beforeSeq = query.read(() -> QueryValues.positiveLong("before", before));
    UUID entityUuid = query.read(() -> QueryValues.uuid("entityId", entityId));
    PageRequest paged = query.page(paging);
    query.requireValid();
    PinnedPage<HistoryEntryView> page =
        history
            .changes(
                id,
                new HistoryRepository.Filter(
                    entity == null ? null : entity.name(),
                    entityUuid == null ? null : entityUuid.toString(),
                    actor == null || actor.isBlank() ? null : actor,
                    fromTime,
                    toTime,
                    beforeSeq),
                paged)
            .map(e -> HistoryMapper.toView(e, mapper));
    return PageRequest.respondPinned(page, uri, "before");
  }
}
