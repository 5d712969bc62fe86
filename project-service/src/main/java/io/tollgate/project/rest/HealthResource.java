package io.tollgate.project.rest;

import io.tollgate.project.mapping.HealthMapper;
import io.tollgate.project.service.AnalyticsService;
import io.tollgate.project.service.HealthService;
import io.tollgate.project.service.ProjectService;
import io.tollgate.rest.ContentTag;
import io.tollgate.rest.Problem;
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

@Path("/api/v1/projects/{id}/health")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Health", description = "GREEN / AMBER / RED, with the reasons behind it")
public class HealthResource {

  static final String RULES =
      " Schedule: a milestone late (its planned date plus buffer has passed, or milestone-service"
          + " says LATE) or OFF_TRACK makes it RED, AT_RISK AMBER. Cost: CPI below 0.8 RED, below"
          + " 0.95 AMBER. Risk: an open CRITICAL risk RED, an open HIGH risk AMBER. KPIs: a KPI"
          + " missing its target in its last 2 measurements AMBER. The rating is the worst; every"
          + " reason is listed, worst first (thresholds are configurable: tollgate.health.*).";

  private final ProjectService projects;
  private final HealthService health;

  HealthResource(ProjectService projects, HealthService health) {
    this.projects = projects;
    this.health = health;
  }

  @GET
  @ContentTag
  @Operation(
      operationId = "getProjectHealth",
      summary = "Get a project's health",
      description =
          "The health rating as of asOf (default today) with the reasons behind it, phrased for"
              + " a business reader."
              + RULES
              + " A change of the rating, or of its grounds while the rating stays (then previousRating"
              + " equals rating), is published as tollgate.project.health-changed.v1.")
  @APIResponse(
      responseCode = "200",
      description = "The health",
      content = @Content(schema = @Schema(implementation = HealthView.class)))
  @APIResponse(
      responseCode = "400",
      description = "asOf is not a date",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public HealthView get(
      @PathParam("id") UUID id,
      @Parameter(description = "Date of the assessment (YYYY-MM-DD); default today")
          @QueryParam("asOf")
          String asOf) {
    LocalDate date = Params.date("asOf", asOf);
    LocalDate on = date == null ? AnalyticsService.today() : date;
    return HealthMapper.toView(health.figures(projects.get(id), on).health(), on);
  }
}
