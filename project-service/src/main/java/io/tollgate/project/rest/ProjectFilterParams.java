package io.tollgate.project.rest;

import io.tollgate.project.model.Methodology;
import io.tollgate.project.model.Phase;
import io.tollgate.project.repository.ProjectRepository;
import io.tollgate.rest.ProblemException;
import io.tollgate.rest.QueryCheck;
import io.tollgate.rest.QueryValues;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.Explode;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The filters the project list and the portfolio share, as a bean parameter: {@code @BeanParam
 * ProjectFilterParams filter}. Read as text, so that a bad value is a 400 naming its parameter.
 */
public class ProjectFilterParams {

  @Parameter(
      description =
          "Only projects in this phase; repeat it for any of several"
              + " (phase=EXECUTION&phase=TESTING)",
      explode = Explode.TRUE,
      schema = @Schema(type = SchemaType.ARRAY, implementation = Phase.class))
  @QueryParam("phase")
  public List<String> phase;

  @Parameter(
      description = "Only projects run this way",
      schema = @Schema(implementation = Methodology.class))
  @QueryParam("methodology")
  public String methodology;

  @Parameter(description = "Case-insensitive text in key, name or description")
  @QueryParam("text")
  public String text;

  @Parameter(
      description =
          "Only archived projects (true), only the others (false, the default), or both (any)")
  @QueryParam("archived")
  @Schema(
      type = SchemaType.STRING,
      enumeration = {"true", "false", "any"},
      defaultValue = "false")
  public String archived;

  /** The filter; a bad value is named in {@code query}, and the filter is then not to be used. */
  ProjectRepository.Filter toFilter(QueryCheck query) {
    return new ProjectRepository.Filter(
        query.read(() -> QueryValues.enumValues(Phase.class, "phase", phase)),
        query.read(() -> QueryValues.enumValue(Methodology.class, "methodology", methodology)),
        text,
        query.read(this::archived));
  }

  private Boolean archived() {
    if (archived != null && archived.trim().equalsIgnoreCase("any")) {
      return null;
    }
    try {
      return QueryValues.booleanValue("archived", archived, false);
    } catch (ProblemException e) {
      throw ProblemException.invalid("archived", "must be true or false, or any for both");
    }
  }
}
