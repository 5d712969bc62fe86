package io.tollgate.project.rest;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Leaves a reference to another schema without a {@code type} of its own. SmallRye documents a
 * field of another schema's type that has a {@code @Schema} of its own (a description, required,
 * readOnly) as that {@code $ref} with the referenced schema's type copied beside it ({@code from:
 * {$ref: Phase, type: string}}); client generators read such a sibling inconsistently, some as an
 * inline schema of that type instead of the referenced one. The reference says it all, so the type
 * goes; a description or readOnly beside it stays (OpenAPI 3.1 allows them).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ReferencesWithoutType implements OASFilter {

  @Override
  public Schema filterSchema(Schema schema) {
    if (schema.getRef() != null && schema.getType() != null) {
      schema.setType(null);
    }
    return schema;
  }
}
