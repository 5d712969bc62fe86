package io.tollgate.rest;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;

/** The operations of an OpenAPI document under {@code /api/}, for the build-time filters. */
final class ApiOperations {

  /** What a filter does with one operation. */
  @FunctionalInterface
  interface Visitor {
    void visit(String path, PathItem.HttpMethod method, Operation operation);
  }

  private ApiOperations() {}

  static void each(OpenAPI openAPI, Visitor visitor) {
    if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
      return;
    }
    openAPI
        .getPaths()
        .getPathItems()
        .forEach(
            (path, item) -> {
              if (path.startsWith("/api/") && item.getOperations() != null) {
                item.getOperations()
                    .forEach((method, operation) -> visitor.visit(path, method, operation));
              }
            });
  }
}
