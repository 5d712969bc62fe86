package io.tollgate.project.rest;

import io.tollgate.project.mapping.HealthMapper;
import io.tollgate.project.mapping.LifecycleMapper;
import io.tollgate.project.model.HealthRating;
import io.tollgate.project.model.Methodology;
import io.tollgate.project.repository.ProjectRepository;
import io.tollgate.project.service.LifecycleService;
import io.tollgate.project.service.PortfolioService;
import io.tollgate.rest.PageRequest;
import io.tollgate.rest.Problem;
import io.tollgate.rest.QueryCheck;
import io.tollgate.rest.QueryValues;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.Explode;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/portfolio")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Portfolio", description = "Across projects: the portfolio view and gate policy")
public class PortfolioResource {

  private final LifecycleService lifecycle;
  private final PortfolioService portfolio;

  PortfolioResource(LifecycleService lifecycle, PortfolioService portfolio) {
    this.lifecycle = lifecycle;
    this.portfolio = portfolio;
  }

  @GET
  @Operation(
      operationId = "getPortfolio",
      summary = "Get the portfolio",
      description =
          "Every project the caller may see (ADMIN and PMO: all; everyone else: the projects they"
              + " are a stakeholder of) with its phase, health (and the reasons), SPI, CPI, budget,"
              + " actual cost, budget burn (AC / BAC) and open risks by level, as of today. Filter"
              + " by phase, methodology, health, text (in key, name or description) and archived;"
              + " sort by key (default), name, phase, health (GREEN < AMBER < RED), spi, cpi,"
              + " budgetBurn or openRisks, with a leading - for descending (e.g. sort=-health);"
              + " undefined values sort last either way. Any order but key, or a health"
              + " filter, needs every matching project's figures: it covers at most"
              + " tollgate.portfolio.computed-limit projects (5,000 by default) and is a 400"
              + " beyond them.")
  @APIResponse(
      responseCode = "200",
      description = "One page of the portfolio",
      content =
          @Content(
              schema = @Schema(implementation = PageSchemas.Portfolio.class),
              examples =
                  @ExampleObject(
                      name = "page",
                      value =
                          "{\"items\":[{\"projectId\":\"3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\","
                              + "\"key\":\"CRM\",\"name\":\"CRM replacement\",\"methodology\":"
                              + "\"AGILE\",\"phase\":\"EXECUTION\",\"health\":\"RED\","
                              + "\"healthReasons\":[\"1 critical risk is open: \\\"Data migration"
                              + " may corrupt accounts\\\"\",\"Costs run over: each 1.00 of work"
                              + " done has cost 1.12 (CPI 0.88); forecast at completion EUR 112,500"
                              + " against a budget of EUR 100,000\"],\"spi\":0.8000,\"cpi\":0.8888,"
                              + "\"budget\":{\"amount\":\"100000.00\",\"currency\":\"EUR\"},"
                              + "\"actualCost\":{\"amount\":\"45000.00\",\"currency\":\"EUR\"},"
                              + "\"budgetBurn\":0.4500,\"openRisks\":{\"critical\":1,\"high\":0,"
                              + "\"medium\":0,\"low\":0,\"total\":1}}],\"page\":0,\"size\":20,"
                              + "\"totalItems\":1,\"totalPages\":1}")))
  @APIResponse(
      responseCode = "400",
      description =
          "Unknown filter value or sort key, or more matching projects than an order or filter"
              + " by their figures can cover",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response portfolio(
      @BeanParam ProjectFilterParams filter,
      @Parameter(
              description =
                  "Only projects with this health; repeat it for any of several"
                      + " (health=AMBER&health=RED)",
              explode = Explode.TRUE,
              schema = @Schema(type = SchemaType.ARRAY, implementation = HealthRating.class))
          @QueryParam("health")
          List<String> health,
      @Parameter(
              description =
                  "key (default), name, phase, health, spi, cpi, budgetBurn, openRisks; - first for"
                      + " descending",
              schema = @Schema(ref = SortSchemas.PORTFOLIO))
          @QueryParam("sort")
          String sort,
      @BeanParam PageRequest.Params paging,
      @Context UriInfo uri) {
    QueryCheck query = new QueryCheck();
    ProjectRepository.Filter filters = filter.toFilter(query);
    Set<HealthRating> ratings =
        query.read(() -> QueryValues.enumValues(HealthRating.class, "health", health));
    PortfolioService.Sorting order = query.read(() -> PortfolioService.Sorting.parse(sort));
    PageRequest page = query.page(paging);
    query.requireValid();
    return PageRequest.respond(
        portfolio.portfolio(filters, ratings, order, page).map(HealthMapper::toItem), uri);
  }

  @GET
  @Path("/gate-rules")
  @Operation(
      operationId = "listGateRules",
      summary = "List the phase-gate rules",
      description =
          "What each phase gate checks, per methodology, in evaluation order. EXIT rules guard"
              + " leaving their phase forward; ENTRY rules guard entering it, forward, back (a"
              + " rework) or out of ON_HOLD (a resume). Criteria:"
              + " MILESTONE_PLANNED (at least one milestone), BUDGET_SET, MILESTONES_COMPLETED"
              + " (every milestone of the kinds in parameter is COMPLETED), NO_OPEN_RISK (no open"
              + " risk with a level in parameter), NO_OPEN_MILESTONE.")
  @APIResponse(
      responseCode = "200",
      description = "One page of rules",
      content =
          @Content(
              schema = @Schema(implementation = PageSchemas.GateRules.class),
              examples =
                  @ExampleObject(
                      name = "page",
                      value =
                          "{\"items\":[{\"id\":\"agile.leave-planning.budget\",\"methodology\":"
                              + "\"AGILE\",\"boundary\":\"EXIT\",\"phase\":\"PLANNING\","
                              + "\"criterion\":\"BUDGET_SET\",\"description\":\"The project has a"
                              + " budget\"}],\"page\":0,\"size\":20,\"totalItems\":1,"
                              + "\"totalPages\":1}")))
  public Response gateRules(
      @Parameter(
              description = "Only the rules of this methodology",
              schema = @Schema(implementation = Methodology.class))
          @QueryParam("methodology")
          String methodology,
      @BeanParam PageRequest.Params paging,
      @Context UriInfo uri) {
    QueryCheck query = new QueryCheck();
    Methodology of =
        query.read(() -> QueryValues.enumValue(Methodology.class, "methodology", methodology));
    PageRequest page = query.page(paging);
    query.requireValid();
    return PageRequest.respond(lifecycle.rules(of, page).map(LifecycleMapper::toView), uri);
  }
}
