package io.tollgate.project.rest;

import io.tollgate.project.mapping.AnalyticsMapper;
import io.tollgate.project.service.AnalyticsService;
import io.tollgate.rest.ContentTag;
import io.tollgate.rest.Problem;
import io.tollgate.rest.QueryCheck;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/projects/{id}/analytics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Finance", description = "Budget, cost ledger, benefits and the numbers they make")
public class AnalyticsResource {

  static final String DESCRIPTION =
      "The project's numbers as of asOf (default today, UTC). Money is a decimal string in the"
          + " project's currency, ratios a decimal rounded to 4 places (only for display)."
          + " Earned value (PMBOK): BAC = the budget; PV = Σ planned value of the milestones"
          + " planned by asOf; EV = Σ planned value of the milestones completed by asOf; where"
          + " milestones carry no planned value, what the budget leaves after the valued ones is"
          + " spread evenly over them; AC = Σ cost-ledger entries dated by asOf; SV = EV − PV;"
          + " CV = EV − AC; SPI = EV / PV; CPI = EV / AC; EAC = BAC / CPI; ETC = EAC − AC;"
          + " VAC = BAC − EAC; TCPI = (BAC − EV) / (BAC − AC); percentComplete = EV / BAC;"
          + " budgetBurn = AC / BAC. A quotient whose divisor is 0 is undefined (so is TCPI with"
          + " the budget overspent, anything with BAC without a budget, and PV, EV and everything"
          + " from them for a project without milestones, which has no planned work to spread"
          + " the budget over): null, never 0,"
          + " with the reason in undefined. Business case over the horizon (everything dated up"
          + " to horizonEnd; default: the target date, or asOf when later, + 3 years): ROI ="
          + " (Σ benefits − Σ costs) / Σ costs; paybackDate = the first date on which cumulative"
          + " benefits ≥ cumulative costs (none if never); paybackPeriod = from the first cost to"
          + " the payback date. KPIs: each one's latest value up to asOf, its trend and whether it"
          + " meets its target. Health: GREEN / AMBER / RED as of asOf with its reasons."
          + HealthResource.RULES
          + " Milestones and risks are what project-service knows from milestone.events and"
          + " risk.events.";

  private final AnalyticsService analytics;

  AnalyticsResource(AnalyticsService analytics) {
    this.analytics = analytics;
  }

  @GET
  @ContentTag
  @Operation(
      operationId = "getProjectAnalytics",
      summary = "Get a project's analytics",
      description = DESCRIPTION)
  @APIResponse(
      responseCode = "200",
      description = "The numbers",
      content = @Content(schema = @Schema(implementation = AnalyticsView.class)))
  @APIResponse(
      responseCode = "400",
      description = "asOf or horizonEnd is not a date, or the horizon is too far for its benefits",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public AnalyticsView get(
      @PathParam("id") UUID id,
      @Parameter(description = "Status date (YYYY-MM-DD); default today") @QueryParam("asOf")
          String asOf,
      @Parameter(description = "End of the business case horizon (YYYY-MM-DD)")
          @QueryParam("horizonEnd")
          String horizonEnd) {
    QueryCheck query = new QueryCheck();
    LocalDate asOfDate = query.read(() -> Params.date("asOf", asOf));
    LocalDate horizon = query.read(() -> Params.date("horizonEnd", horizonEnd));
    query.requireValid();
    return AnalyticsMapper.toView(analytics.analytics(id, asOfDate, horizon));
  }
}
