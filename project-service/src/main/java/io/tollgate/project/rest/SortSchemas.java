package io.tollgate.project.rest;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.tollgate.project.repository.ProjectRepository;
import io.tollgate.project.service.PortfolioService;
import io.tollgate.rest.QueryValues;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Documents the orders a list takes as enums made from the very keys that {@link
 * QueryValues#sorting} checks a {@code sort} against, each in camelCase and again with a leading
 * {@code -} for descending; a {@code sort} parameter refers to its list's ({@code @Schema(ref =
 * SortSchemas.PROJECTS)}). Written out in an annotation, the values would drift from the code.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class SortSchemas implements OASFilter {

  /** The orders of the project list ({@link ProjectRepository.Order}). */
  static final String PROJECTS = "ProjectSort";

  /** The orders of the portfolio ({@link PortfolioService.SortKey}). */
  static final String PORTFOLIO = "PortfolioSort";

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getComponents() == null) {
      openAPI.setComponents(OASFactory.createComponents());
    }
    openAPI
        .getComponents()
        .addSchema(
            PROJECTS,
            sorting(
                ProjectRepository.Order.class,
                "An order of the project list: a key, ascending, or with a leading - descending"))
        .addSchema(
            PORTFOLIO,
            sorting(
                PortfolioService.SortKey.class,
                "An order of the portfolio: a key, ascending, or with a leading - descending"));
  }

  private static Schema sorting(Class<? extends Enum<?>> keys, String description) {
    Schema schema =
        OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    for (Enum<?> key : keys.getEnumConstants()) {
      schema.addEnumeration(QueryValues.camelCase(key));
      schema.addEnumeration("-" + QueryValues.camelCase(key));
    }
    return schema;
  }
}
