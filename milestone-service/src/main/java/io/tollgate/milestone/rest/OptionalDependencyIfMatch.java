package io.tollgate.milestone.rest;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * Documents If-Match as optional on PUT and DELETE of a dependency, as {@link DependencyResource}
 * takes it: the shared filter (rest-conventions' CommonProblemResponses) requires it, with a 428,
 * on every PUT and DELETE, but a dependency is a resource of its own, which ADR 0024's "If-Match on
 * every change of a milestone" does not cover, and a client generated from the document would
 * otherwise refuse to send a request the service accepts. Runs after that filter (a lower priority
 * runs later).
 */
@OpenApiFilter(value = OpenApiFilter.RunStage.BUILD, priority = 0)
public class OptionalDependencyIfMatch implements OASFilter {

  private static final Set<String> OPERATIONS =
      Set.of(DependencyResource.PUT_OPERATION, DependencyResource.DELETE_OPERATION);

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
      return;
    }
    openAPI
        .getPaths()
        .getPathItems()
        .values()
        .forEach(
            item -> {
              if (item.getOperations() == null) {
                return;
              }
              item.getOperations().values().stream()
                  .filter(op -> OPERATIONS.contains(op.getOperationId()))
                  .forEach(
                      op -> {
                        if (op.getParameters() != null) {
                          op.getParameters().stream()
                              .filter(
                                  p ->
                                      p.getIn() == Parameter.In.HEADER
                                          && "If-Match".equalsIgnoreCase(p.getName()))
                              .forEach(p -> p.setRequired(false));
                        }
                        if (op.getResponses() != null) {
                          op.getResponses().removeAPIResponse("428");
                        }
                      });
            });
  }
}
