package io.tollgate.rest;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.smallrye.openapi.api.util.UnusedSchemaFilter;
import org.eclipse.microprofile.openapi.OASFilter;

/**
 * Drops the component schemas that nothing in the document refers to, after every other filter has
 * added its references. SmallRye describes every type it meets, such as Jackson's tree types
 * ({@code JsonNode}, {@code JsonNodeType}) for a merge patch that a resource reads as one but
 * documents by its patch schema, and every {@code @Schema} class of a shared module, used or not: a
 * client generated from the document would get a type for each. (Quarkus takes a filter only if the
 * class itself names {@link OASFilter}, hence the repeated interface.)
 */
@OpenApiFilter(value = OpenApiFilter.RunStage.BUILD, priority = Integer.MIN_VALUE)
public class UnreferencedSchemas extends UnusedSchemaFilter implements OASFilter {}
