package io.tollgate.rest;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Documents the response headers that every resource sets the same way, so that a client generated
 * from the document can read them: {@code Location} and {@code ETag} on a 201 ({@link Responses}),
 * {@code Idempotent-Replayed} on the 201 of a create that takes {@code Idempotency-Key} ({@link
 * Idempotency}), {@code ETag} on the read of one resource (a GET whose path ends in a parameter),
 * on any other read that is not a page (a computed one, {@link ContentTag}) and on an update's 200,
 * and {@code Link} on a page ({@link PageRequest}). Those reads also answer {@code If-None-Match}
 * with a 304 ({@link ConditionalGet}). An operation that sets other headers documents them itself.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ResponseHeaders implements OASFilter {

  static final String ETAG = "ETag";
  static final String LOCATION = "Location";
  static final String LINK = "Link";
  static final String REPLAYED = "Idempotent-Replayed";

  /** The shared definitions, made anew for each document (the model objects are mutable). */
  private static Map<String, Header> headers() {
    return Map.of(
        ETAG,
        header(
            "The version of the resource, for If-Match on a change and If-None-Match on a read",
            true),
        LOCATION,
        header("The URL of the created resource", true),
        LINK,
        header(
            "RFC 8288 links to the neighbouring pages: rel=\"next\" unless this is the last page,"
                + " rel=\"prev\" unless it is the first; each keeps the request's filters",
            false),
        REPLAYED,
        header(
            "\"true\" when this answer is the stored one of an earlier request with the same"
                + " Idempotency-Key: nothing was created again",
            false));
  }

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    ApiOperations.each(openAPI, ResponseHeaders::document);
    if (openAPI.getComponents() == null) {
      openAPI.setComponents(OASFactory.createComponents());
    }
    Components components = openAPI.getComponents();
    headers()
        .forEach(
            (name, header) -> {
              if (components.getHeaders() == null || !components.getHeaders().containsKey(name)) {
                components.addHeader(name, header);
              }
            });
  }

  private static void document(String path, PathItem.HttpMethod method, Operation operation) {
    if (operation.getResponses() == null) {
      return;
    }
    APIResponse created = operation.getResponses().getAPIResponse("201");
    if (method == PathItem.HttpMethod.POST && created != null) {
      refer(created, LOCATION);
      refer(created, ETAG);
      if (takes(operation, Idempotency.HEADER, Parameter.In.HEADER)) {
        refer(created, REPLAYED);
      }
    }
    APIResponse ok = operation.getResponses().getAPIResponse("200");
    if (method == PathItem.HttpMethod.PATCH && ok != null) {
      refer(ok, ETAG);
    }
    if (method == PathItem.HttpMethod.GET && ok != null) {
      // a read of one resource, or a computed read that is not a page ({@link ContentTag})
      if (path.endsWith("}") || !takes(operation, "page", Parameter.In.QUERY)) {
        refer(ok, ETAG);
        documentConditionalRead(operation);
      }
      if (takes(operation, "page", Parameter.In.QUERY)) {
        refer(ok, LINK);
      }
    }
  }

  /** {@code If-None-Match} and the 304 that {@link ConditionalGet} answers to it. */
  private static void documentConditionalRead(Operation operation) {
    if (!takes(operation, "If-None-Match", Parameter.In.HEADER)) {
      operation.addParameter(
          OASFactory.createParameter()
              .name("If-None-Match")
              .in(Parameter.In.HEADER)
              .description(
                  "The ETag of the version the client holds: 304 without a body if it is still"
                      + " the current one")
              .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
    }
    if (!operation.getResponses().hasAPIResponse("304")) {
      operation
          .getResponses()
          .addAPIResponse(
              "304",
              OASFactory.createAPIResponse()
                  .description("Not modified: If-None-Match names the current ETag; no body"));
    }
    refer(operation.getResponses().getAPIResponse("304"), ETAG);
  }

  private static boolean takes(Operation operation, String name, Parameter.In in) {
    return operation.getParameters() != null
        && operation.getParameters().stream()
            .anyMatch(p -> p.getIn() == in && name.equalsIgnoreCase(p.getName()));
  }

  /** Adds a reference to the shared header unless the operation documents that header itself. */
  private static void refer(APIResponse response, String name) {
    if (response.getHeaders() != null && response.getHeaders().containsKey(name)) {
      return;
    }
    response.addHeader(name, OASFactory.createHeader().ref(name));
  }

  private static Header header(String description, boolean required) {
    return OASFactory.createHeader()
        .description(description)
        .required(required)
        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
  }
}
