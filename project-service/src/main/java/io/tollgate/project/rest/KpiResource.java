package io.tollgate.project.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.project.mapping.KpiMapper;
import io.tollgate.project.model.Kpi;
import io.tollgate.project.model.KpiMeasurement;
import io.tollgate.project.service.KpiService;
import io.tollgate.project.service.Kpis;
import io.tollgate.rest.Idempotency;
import io.tollgate.rest.MergePatch;
import io.tollgate.rest.Page;
import io.tollgate.rest.PageRequest;
import io.tollgate.rest.Preconditions;
import io.tollgate.rest.Problem;
import io.tollgate.rest.QueryCheck;
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
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/projects/{id}/kpis")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "KPIs", description = "Key performance indicators, their targets and measurements")
public class KpiResource {

  private final KpiService kpis;
  private final Idempotency idempotency;

  KpiResource(KpiService kpis, Idempotency idempotency) {
    this.kpis = kpis;
    this.idempotency = idempotency;
  }

  private KpiView view(Kpi k) {
    Kpis.Status status = kpis.statuses(List.of(k), KpiService.latestDay()).get(k);
    return KpiMapper.toView(k, status);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "defineKpi",
      summary = "Define a KPI",
      description =
          "A KPI with a name (unique within the project), a unit, a target and a direction"
              + " (HIGHER_IS_BETTER: a value at or above the target meets it; LOWER_IS_BETTER: at"
              + " or below). Send an Idempotency-Key to make retries safe.")
  @APIResponse(
      responseCode = "201",
      description = "Defined; Location points at the KPI",
      content = @Content(schema = @Schema(implementation = KpiView.class)))
  @APIResponse(
      responseCode = "400",
      description = "Invalid body; violations lists each field",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "409",
      description = "The project already has a KPI of that name",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response define(
      @PathParam("id") UUID id,
      @NotNull @Valid KpiCreate request,
      @Parameter(description = "Makes the create safe to retry; e.g. a UUID")
          @HeaderParam(Idempotency.HEADER)
          String idempotencyKey,
      @Context UriInfo uri) {
    return idempotency.once(
        idempotencyKey,
        uri,
        request,
        () -> {
          Kpi k = kpis.define(id, request);
          return Responses.created(uri, k.id, k.version, view(k));
        });
  }

  @GET
  @Operation(
      operationId = "listKpis",
      summary = "List a project's KPIs",
      description = "Pages through the KPIs by name, each with where it stands today.")
  @APIResponse(
      responseCode = "200",
      description = "One page of KPIs",
      content =
          @Content(
              schema = @Schema(implementation = PageSchemas.Kpis.class),
              examples =
                  @ExampleObject(
                      name = "page",
                      value =
                          "{\"items\":[{\"id\":\"2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e\",\"name\":"
                              + "\"Uptime\",\"unit\":\"%\",\"target\":99.9,\"direction\":"
                              + "\"HIGHER_IS_BETTER\",\"version\":0}],\"page\":0,\"size\":20,"
                              + "\"totalItems\":1,\"totalPages\":1}")))
  public Response list(
      @PathParam("id") UUID id, @BeanParam PageRequest.Params paging, @Context UriInfo uri) {
    QueryCheck query = new QueryCheck();
    PageRequest paged = query.page(paging);
    query.requireValid();
    Page<Kpi> page = kpis.list(id, paged);
    Map<Kpi, Kpis.Status> statuses = kpis.statuses(page.items(), KpiService.latestDay());
    return PageRequest.respond(page.map(k -> KpiMapper.toView(k, statuses.get(k))), uri);
  }

  @GET
  @Path("/{kpiId}")
  @Operation(
      operationId = "getKpi",
      summary = "Get a KPI",
      description = "One KPI with where it stands today, and its ETag.")
  @APIResponse(
      responseCode = "200",
      description = "The KPI",
      content = @Content(schema = @Schema(implementation = KpiView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such project or KPI",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response get(@PathParam("id") UUID id, @PathParam("kpiId") UUID kpiId) {
    Kpi k = kpis.get(id, kpiId);
    return Response.ok(view(k)).tag(Preconditions.etag(k.version)).build();
  }

  @PATCH
  @Path("/{kpiId}")
  @Consumes({MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
  @Operation(
      operationId = "updateKpi",
      summary = "Change a KPI",
      description =
          "JSON merge patch of name, unit, target, direction and description. If-Match with the"
              + " KPI's ETag is required.")
  @APIResponse(
      responseCode = "200",
      description = "The changed KPI",
      content = @Content(schema = @Schema(implementation = KpiView.class)))
  @APIResponse(
      responseCode = "412",
      description = "The KPI changed since the ETag was read",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response update(
      @PathParam("id") UUID id,
      @PathParam("kpiId") UUID kpiId,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @Schema(implementation = KpiPatch.class) JsonNode patch) {
    Kpi k = kpis.update(id, kpiId, ifMatch, patch);
    return Response.ok(view(k)).tag(Preconditions.etag(k.version)).build();
  }

  @DELETE
  @Path("/{kpiId}")
  @Operation(
      operationId = "removeKpi",
      summary = "Remove a KPI",
      description =
          "Removes the KPI and its measurements (the history keeps them). If-Match is required.")
  @APIResponse(responseCode = "204", description = "Removed")
  public Response remove(
      @PathParam("id") UUID id,
      @PathParam("kpiId") UUID kpiId,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    kpis.remove(id, kpiId, ifMatch);
    return Response.noContent().build();
  }

  @POST
  @Path("/{kpiId}/measurements")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "recordKpiMeasurement",
      summary = "Record a KPI measurement",
      description =
          "A value of the KPI on a date (not in the future). An unknown KPI answers 404. Send an"
              + " Idempotency-Key to make retries safe.")
  @APIResponse(
      responseCode = "201",
      description = "Recorded",
      content = @Content(schema = @Schema(implementation = MeasurementView.class)))
  @APIResponse(
      responseCode = "400",
      description = "Invalid value or date",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "No such project or KPI",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples =
                  @ExampleObject(
                      name = "unknown KPI",
                      value =
                          "{\"type\":\"https://tollgate.io/problems/not-found\",\"title\":"
                              + "\"Resource not found\",\"status\":404,\"detail\":\"KPI"
                              + " 2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e does not exist\"}")))
  public Response measure(
      @PathParam("id") UUID id,
      @PathParam("kpiId") UUID kpiId,
      @NotNull @Valid MeasurementCreate request,
      @Parameter(description = "Makes the create safe to retry; e.g. a UUID")
          @HeaderParam(Idempotency.HEADER)
          String idempotencyKey,
      @Context UriInfo uri) {
    return idempotency.once(
        idempotencyKey,
        uri,
        request,
        () -> {
          KpiMeasurement m = kpis.measure(id, kpiId, request);
          Kpi k = kpis.get(id, kpiId);
          return Response.created(uri.getAbsolutePathBuilder().path(m.id.toString()).build())
              .entity(KpiMapper.toView(m, k))
              .tag(Preconditions.etag(k.version))
              .build();
        });
  }

  @GET
  @Path("/{kpiId}/measurements")
  @Operation(
      operationId = "listKpiMeasurements",
      summary = "List a KPI's measurements",
      description =
          "Pages through the measurements in time order (oldest first); filter by a date range"
              + " (from, to; inclusive).")
  @APIResponse(
      responseCode = "200",
      description = "One page of measurements",
      content =
          @Content(
              schema = @Schema(implementation = PageSchemas.Measurements.class),
              examples =
                  @ExampleObject(
                      name = "page",
                      value =
                          "{\"items\":[{\"id\":\"3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f\","
                              + "\"measuredOn\":\"2026-10-31\",\"value\":99.93,\"meetsTarget\":"
                              + "true}],\"page\":0,\"size\":20,\"totalItems\":1,\"totalPages\":1}")))
  @APIResponse(
      responseCode = "404",
      description = "No such project or KPI",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response measurements(
      @PathParam("id") UUID id,
      @PathParam("kpiId") UUID kpiId,
      @Parameter(description = "Only measurements on or after (YYYY-MM-DD)") @QueryParam("from")
          String from,
      @Parameter(description = "Only measurements on or before (YYYY-MM-DD)") @QueryParam("to")
          String to,
      @BeanParam PageRequest.Params paging,
      @Context UriInfo uri) {
    QueryCheck query = new QueryCheck();
    LocalDate fromDate = query.read(() -> Params.date("from", from));
    LocalDate toDate = query.read(() -> Params.date("to", to));
    query.check(() -> Params.inOrder("from", fromDate, "to", toDate));
    PageRequest page = query.page(paging);
    query.requireValid();
    Kpi k = kpis.get(id, kpiId);
    return PageRequest.respond(
        kpis.measurements(id, kpiId, fromDate, toDate, page).map(m -> KpiMapper.toView(m, k)), uri);
  }

  @GET
  @Path("/{kpiId}/measurements/{measurementId}")
  @Operation(
      operationId = "getKpiMeasurement",
      summary = "Get a measurement",
      description =
          "One measurement of the KPI. Whether it meets the target is judged against the KPI's"
              + " target now, so its ETag is the KPI's.")
  @APIResponse(
      responseCode = "200",
      description = "The measurement",
      content = @Content(schema = @Schema(implementation = MeasurementView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such project, KPI or measurement",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response measurement(
      @PathParam("id") UUID id,
      @PathParam("kpiId") UUID kpiId,
      @PathParam("measurementId") UUID measurementId) {
    KpiMeasurement m = kpis.measurement(id, kpiId, measurementId);
    Kpi k = kpis.get(id, kpiId);
    return Response.ok(KpiMapper.toView(m, k)).tag(Preconditions.etag(k.version)).build();
  }

  @DELETE
  @Path("/{kpiId}/measurements/{measurementId}")
  @Operation(
      operationId = "removeKpiMeasurement",
      summary = "Remove a measurement",
      description =
          "Removes a measurement recorded in error (a mistyped value, a wrong day); the history"
              + " keeps it. The KPI's latest value, trend and target status follow, so If-Match is"
              + " required and names the KPI's ETag, which the removal changes.")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(
      responseCode = "404",
      description = "No such project, KPI or measurement",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response removeMeasurement(
      @PathParam("id") UUID id,
      @PathParam("kpiId") UUID kpiId,
      @PathParam("measurementId") UUID measurementId,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    kpis.removeMeasurement(id, kpiId, measurementId, ifMatch);
    return Response.noContent().build();
  }
}
