package io.tollgate.rest;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Requires every property of the schemas that answers are made of. The services write every
 * property of an answer, as null where it has no value (Jackson's default inclusion; no answer type
 * says otherwise), but SmallRye requires only what Bean Validation or {@code @Schema} says must be
 * given, which is about requests: a client generated from the document had every field of every
 * answer optional ({@code id?: string}) and had to test for a field that is always there.
 *
 * <p>Left as they are: problem details ({@code application/problem+json}, whose {@link Problem}
 * leaves out its empty members), every schema a request body uses too (a client may leave out there
 * what the service does not require), and write-only properties, which no answer has. It runs after
 * the other filters, which add answers, and before {@link UnreferencedSchemas}.
 */
@OpenApiFilter(value = OpenApiFilter.RunStage.BUILD, priority = Integer.MIN_VALUE + 1)
public class RequiredAnswerProperties implements OASFilter {

  private static final String SCHEMAS = "#/components/schemas/";
  // a problem leaves out its empty members, wherever it is answered
  private static final String PROBLEM = SCHEMAS + CommonProblemResponses.PROBLEM;

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
      return;
    }
    Set<Schema> answers = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<Schema> requests = Collections.newSetFromMap(new IdentityHashMap<>());
    for (var item : openAPI.getPaths().getPathItems().values()) {
      if (item.getOperations() == null) {
        continue;
      }
      for (Operation operation : item.getOperations().values()) {
        if (operation.getResponses() != null
            && operation.getResponses().getAPIResponses() != null) {
          for (APIResponse response : operation.getResponses().getAPIResponses().values()) {
            content(openAPI, resolve(openAPI, response), answers, false);
          }
        }
        if (operation.getRequestBody() != null) {
          content(openAPI, resolve(openAPI, operation.getRequestBody()), requests, true);
        }
      }
    }
    answers.removeAll(requests);
    answers.forEach(RequiredAnswerProperties::requireAll);
  }

  private static void requireAll(Schema schema) {
    Map<String, Schema> properties = schema.getProperties();
    if (properties == null || properties.isEmpty()) {
      return;
    }
    List<String> required =
        schema.getRequired() == null ? new ArrayList<>() : new ArrayList<>(schema.getRequired());
    properties.forEach(
        (name, property) -> {
          if (!Boolean.TRUE.equals(property.getWriteOnly()) && !required.contains(name)) {
            required.add(name);
          }
        });
    schema.setRequired(required);
  }

  private static void content(OpenAPI openAPI, Content content, Set<Schema> into, boolean all) {
    if (content == null || content.getMediaTypes() == null) {
      return;
    }
    content
        .getMediaTypes()
        .forEach(
            (type, media) -> {
              if ((all || !Problem.MEDIA_TYPE.equals(type)) && media.getSchema() != null) {
                reach(openAPI, media.getSchema(), into);
              }
            });
  }

  /** Collects {@code schema} and every schema it is made of, following references. */
  private static void reach(OpenAPI openAPI, Schema schema, Set<Schema> into) {
    String ref = schema == null ? null : schema.getRef();
    if (schema == null || PROBLEM.equals(ref) || !into.add(schema)) {
      return;
    }
    if (ref != null
        && ref.startsWith(SCHEMAS)
        && openAPI.getComponents() != null
        && openAPI.getComponents().getSchemas() != null) {
      reach(
          openAPI, openAPI.getComponents().getSchemas().get(ref.substring(SCHEMAS.length())), into);
    }
    if (schema.getProperties() != null) {
      schema.getProperties().values().forEach(p -> reach(openAPI, p, into));
    }
    reach(openAPI, schema.getItems(), into);
    reach(openAPI, schema.getAdditionalPropertiesSchema(), into);
    for (List<Schema> branches :
        List.of(list(schema.getAllOf()), list(schema.getAnyOf()), list(schema.getOneOf()))) {
      branches.forEach(b -> reach(openAPI, b, into));
    }
  }

  private static List<Schema> list(List<Schema> schemas) {
    return schemas == null ? List.of() : schemas;
  }

  private static Content resolve(OpenAPI openAPI, APIResponse response) {
    if (response.getRef() != null
        && openAPI.getComponents() != null
        && openAPI.getComponents().getResponses() != null) {
      APIResponse named = openAPI.getComponents().getResponses().get(name(response.getRef()));
      return named == null ? null : named.getContent();
    }
    return response.getContent();
  }

  private static Content resolve(OpenAPI openAPI, RequestBody body) {
    if (body.getRef() != null
        && openAPI.getComponents() != null
        && openAPI.getComponents().getRequestBodies() != null) {
      RequestBody named = openAPI.getComponents().getRequestBodies().get(name(body.getRef()));
      return named == null ? null : named.getContent();
    }
    return body.getContent();
  }

  private static String name(String ref) {
    return ref.substring(ref.lastIndexOf('/') + 1);
  }
}
