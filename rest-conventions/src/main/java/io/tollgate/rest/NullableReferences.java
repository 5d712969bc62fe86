package io.tollgate.rest;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Lets a nullable reference be null, and be of its referenced type only. SmallRye documents a field
 * of another schema's type that is {@code @Schema(nullable = true)} as {@code anyOf: [{$ref},
 * {type: null}]}, but beside it the referenced schema's own type ({@code type: string} for an enum,
 * a date), which keeps null out where that type was met before, and from which a client generator
 * makes the field that type: {@code string | Phase | null}, which is {@code string | null}, for a
 * phase. The {@code anyOf} says it all (OpenAPI 3.1), so that type goes.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class NullableReferences implements OASFilter {

  private static final List<Schema.SchemaType> NULL = List.of(Schema.SchemaType.NULL);

  @Override
  public Schema filterSchema(Schema schema) {
    List<Schema> branches = schema.getAnyOf();
    if (schema.getType() != null
        && branches != null
        && branches.stream().anyMatch(branch -> NULL.equals(branch.getType()))
        && branches.stream().anyMatch(branch -> branch.getRef() != null)) {
      schema.setType(null);
    }
    return schema;
  }
}
