package io.tollgate.rest;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Lets a nullable reference be null. SmallRye documents a field of another schema's type that is
 * {@code @Schema(nullable = true)} as {@code anyOf: [{$ref}, {type: null}]} beside the referenced
 * type, but where that type was met before it keeps the type alone ({@code type: object}, not
 * {@code [object, null]}), and a null then breaks the schema after all.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class NullableReferences implements OASFilter {

  private static final List<Schema.SchemaType> NULL = List.of(Schema.SchemaType.NULL);

  @Override
  public Schema filterSchema(Schema schema) {
    if (schema.getType() != null
        && !schema.getType().contains(Schema.SchemaType.NULL)
        && schema.getAnyOf() != null
        && schema.getAnyOf().stream().anyMatch(branch -> NULL.equals(branch.getType()))) {
      schema.addType(Schema.SchemaType.NULL);
    }
    return schema;
  }
}
