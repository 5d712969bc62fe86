package io.tollgate.project.rest;

import io.tollgate.project.mapping.FinanceMapper;
import io.tollgate.project.model.CostCategory;
import io.tollgate.project.model.CostEntry;
import io.tollgate.project.repository.CostEntryRepository;
import io.tollgate.project.service.FinanceService;
import io.tollgate.rest.Idempotency;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/projects/{id}/costs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Finance", description = "Budget, cost ledger, benefits and the numbers they make")
public class CostResource {

  static final String BAD_MONEY_EXAMPLE =
      "{\"type\":\"https://tollgate.io/problems/validation\",\"title\":\"Request is not valid\","
          + "\"status\":400,\"detail\":\"2 fields are not valid\",\"violations\":[{\"field\":"
          + "\"currency\",\"message\":\"must be EUR, the currency of project CRM's budget and"
          + " costs\"},{\"field\":\"amount\",\"message\":\"must be greater than 0\"}]}";

  private final FinanceService finance;
  private final Idempotency idempotency;

  CostResource(FinanceService finance, Idempotency idempotency) {
    this.finance = finance;
    this.idempotency = idempotency;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "recordCost",
      summary = "Record a cost",
      description =
          "Adds a line to the cost ledger: date, amount (decimal > 0, JSON number or string),"
              + " currency (the project's: its budget's, or its first cost's), category (LABOR,"
              + " LICENSING, INFRASTRUCTURE, VENDOR, MAINTENANCE, OTHER) and a note. Costs dated up"
              + " to a status date are its actual cost (AC). Send an Idempotency-Key to make"
              + " retries safe.")
  @APIResponse(
      responseCode = "201",
      description = "Recorded; Location points at the entry",
      content = @Content(schema = @Schema(implementation = CostEntryView.class)))
  @APIResponse(
      responseCode = "400",
      description = "Negative or non-decimal amount, unknown or other currency, missing fields",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = @ExampleObject(name = "bad money", value = BAD_MONEY_EXAMPLE)))
  public Response record(
      @PathParam("id") UUID id,
      @NotNull @Valid CostEntryCreate request,
      @Parameter(description = "Makes the create safe to retry; e.g. a UUID")
          @HeaderParam(Idempotency.HEADER)
          String idempotencyKey,
      @Context UriInfo uri) {
    return idempotency.once(
        idempotencyKey,
        uri,
        request,
        () -> {
          CostEntry e = finance.recordCost(id, request);
          return Responses.created(uri, e.id, e.version, FinanceMapper.toView(e));
        });
  }

  @GET
  @Operation(
      operationId = "listCosts",
      summary = "List the cost ledger",
      description =
          "Pages through the project's costs by date, oldest first; filter by category and a date"
              + " range (from, to; inclusive).")
  @APIResponse(
      responseCode = "200",
      description = "One page of costs",
      content =
          @Content(
              schema = @Schema(implementation = PageSchemas.CostEntries.class),
              examples =
                  @ExampleObject(
                      name = "page",
                      value =
                          "{\"items\":[{\"id\":\"8c9d0e1f-2a3b-4c4d-9e5f-6a7b8c9d0e1f\",\"date\":"
                              + "\"2026-02-28\",\"amount\":{\"amount\":\"12500.00\",\"currency\":"
                              + "\"EUR\"},\"category\":\"LABOR\",\"version\":0}],\"page\":0,"
                              + "\"size\":20,\"totalItems\":1,\"totalPages\":1}")))
  @APIResponse(
      responseCode = "400",
      description = "Bad category or dates, or to before from",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response list(
      @PathParam("id") UUID id,
      @Parameter(
              description = "Only costs of this category",
              schema = @Schema(implementation = CostCategory.class))
          @QueryParam("category")
          String category,
      @Parameter(description = "Only costs dated on or after (YYYY-MM-DD)") @QueryParam("from")
          String from,
      @Parameter(description = "Only costs dated on or before (YYYY-MM-DD)") @QueryParam("to")
          String to,
      @BeanParam PageRequest.Params paging,
      @Context UriInfo uri) {
    QueryCheck query = new QueryCheck();
    CostCategory ofCategory =
        query.read(() -> QueryValues.enumValue(CostCategory.class, "category", category));
    LocalDate fromDate = query.read(() -> Params.date("from", from));
    LocalDate toDate = query.read(() -> Params.date("to", to));
    query.check(() -> Params.inOrder("from", fromDate, "to", toDate));
    PageRequest page = query.page(paging);
    query.requireValid();
    return PageRequest.respond(
        finance
            .costs(id, new CostEntryRepository.Filter(ofCategory, fromDate, toDate), page)
            .map(FinanceMapper::toView),
        uri);
  }

  @GET
  @Path("/{costId}")
  @Operation(
      operationId = "getCost",
      summary = "Get a cost",
      description = "One ledger entry, with its ETag.")
  @APIResponse(
      responseCode = "200",
      description = "The entry",
      content = @Content(schema = @Schema(implementation = CostEntryView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such project or entry",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response get(@PathParam("id") UUID id, @PathParam("costId") UUID costId) {
    CostEntry e = finance.cost(id, costId);
    return Response.ok(FinanceMapper.toView(e)).tag(Preconditions.etag(e.version)).build();
  }

  @DELETE
  @Path("/{costId}")
  @Operation(
      operationId = "removeCost",
      summary = "Remove a cost",
      description =
          "Removes a ledger entry recorded in error; the history keeps it. If-Match is required.")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(
      responseCode = "404",
      description = "No such project or entry",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response remove(
      @PathParam("id") UUID id,
      @PathParam("costId") UUID costId,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    finance.removeCost(id, costId, ifMatch);
    return Response.noContent().build();
  }
}
