package io.tollgate.project.rest;

import io.tollgate.project.mapping.FinanceMapper;
import io.tollgate.project.model.Benefit;
import io.tollgate.project.service.FinanceService;
import io.tollgate.rest.Idempotency;
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
import jakarta.ws.rs.POST;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/projects/{id}/benefits")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Finance", description = "Budget, cost ledger, benefits and the numbers they make")
public class BenefitResource {

  private final FinanceService finance;
  private final Idempotency idempotency;

  BenefitResource(FinanceService finance, Idempotency idempotency) {
    this.finance = finance;
    this.idempotency = idempotency;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "addBenefit",
      summary = "Add an expected benefit",
      description =
          "An amount (decimal > 0, the project's currency) once on startDate (ONE_OFF) or every"
              + " month, quarter or year from startDate until endDate (or the business case's"
              + " horizon). endDate before startDate, or on a ONE_OFF benefit, answers 400. Send an"
              + " Idempotency-Key to make retries safe.")
  @APIResponse(
      responseCode = "201",
      description = "Added; Location points at the benefit",
      content = @Content(schema = @Schema(implementation = BenefitView.class)))
  @APIResponse(
      responseCode = "400",
      description = "Bad money, dates out of order, missing fields",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples =
                  @ExampleObject(
                      name = "dates out of order",
                      value =
                          "{\"type\":\"https://tollgate.io/problems/validation\",\"title\":"
                              + "\"Request is not valid\",\"status\":400,\"detail\":\"1 field is"
                              + " not valid\",\"violations\":[{\"field\":\"endDate\",\"message\":"
                              + "\"must not be before startDate 2026-10-01\"}]}")))
  public Response add(
      @PathParam("id") UUID id,
      @NotNull @Valid BenefitCreate request,
      @Parameter(description = "Makes the create safe to retry; e.g. a UUID")
          @HeaderParam(Idempotency.HEADER)
          String idempotencyKey,
      @Context UriInfo uri) {
    return idempotency.once(
        idempotencyKey,
        uri,
        request,
        () -> {
          Benefit b = finance.addBenefit(id, request);
          return Responses.created(uri, b.id, b.version, FinanceMapper.toView(b));
        });
  }

  @GET
  @Operation(
      operationId = "listBenefits",
      summary = "List expected benefits",
      description = "Pages through the project's expected benefits by start date.")
  @APIResponse(
      responseCode = "200",
      description = "One page of benefits",
      content =
          @Content(
              schema = @Schema(implementation = PageSchemas.Benefits.class),
              examples =
                  @ExampleObject(
                      name = "page",
                      value =
                          "{\"items\":[{\"id\":\"1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d\","
                              + "\"description\":\"Licence savings\",\"amount\":{\"amount\":"
                              + "\"4000.00\",\"currency\":\"EUR\"},\"recurrence\":\"MONTHLY\","
                              + "\"startDate\":\"2026-10-01\",\"version\":0}],\"page\":0,\"size\":"
                              + "20,\"totalItems\":1,\"totalPages\":1}")))
  public Response list(
      @PathParam("id") UUID id, @BeanParam PageRequest.Params paging, @Context UriInfo uri) {
    QueryCheck query = new QueryCheck();
    PageRequest page = query.page(paging);
    query.requireValid();
    return PageRequest.respond(finance.benefits(id, page).map(FinanceMapper::toView), uri);
  }

  @GET
  @Path("/{benefitId}")
  @Operation(
      operationId = "getBenefit",
      summary = "Get a benefit",
      description = "One expected benefit, with its ETag.")
  @APIResponse(
      responseCode = "200",
      description = "The benefit",
      content = @Content(schema = @Schema(implementation = BenefitView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such project or benefit",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response get(@PathParam("id") UUID id, @PathParam("benefitId") UUID benefitId) {
    Benefit b = finance.benefit(id, benefitId);
    return Response.ok(FinanceMapper.toView(b)).tag(Preconditions.etag(b.version)).build();
  }

  @DELETE
  @Path("/{benefitId}")
  @Operation(
      operationId = "removeBenefit",
      summary = "Remove a benefit",
      description = "Removes an expected benefit; the history keeps it. If-Match is required.")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(
      responseCode = "404",
      description = "No such project or benefit",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response remove(
      @PathParam("id") UUID id,
      @PathParam("benefitId") UUID benefitId,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    finance.removeBenefit(id, benefitId, ifMatch);
    return Response.noContent().build();
  }
}
