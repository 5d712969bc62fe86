package io.tollgate.rest;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * A merge patch (RFC 7386) names only the fields it changes, while the record it is merged into
 * ({@link MergePatch}) declares, with Bean Validation, the fields the merged result must have, and
 * those become the schema's {@code required}. A client that validates what it sends, or is
 * generated from the document, would then have to send every one of them. So the schema of a
 * merge-patch body requires nothing; the merged result is still checked by the service.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class MergePatchSchemas implements OASFilter {

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getPaths() == null
        || openAPI.getPaths().getPathItems() == null
        || openAPI.getComponents() == null
        || openAPI.getComponents().getSchemas() == null) {
      return;
    }
    openAPI
        .getPaths()
        .getPathItems()
        .values()
        .forEach(
            item -> {
              if (item.getPATCH() != null) {
                relax(openAPI, item.getPATCH());
              }
            });
  }

  private static void relax(OpenAPI openAPI, Operation patch) {
    if (patch.getRequestBody() == null || patch.getRequestBody().getContent() == null) {
      return;
    }
    MediaType body = patch.getRequestBody().getContent().getMediaType(MergePatch.MEDIA_TYPE);
    if (body == null || body.getSchema() == null) {
      return;
    }
    Schema schema = body.getSchema();
    String ref = schema.getRef();
    if (ref != null && ref.startsWith("#/components/schemas/")) {
      schema =
          openAPI.getComponents().getSchemas().get(ref.substring("#/components/schemas/".length()));
    }
    if (schema != null) {
      schema.setRequired(null);
    }
  }
}
