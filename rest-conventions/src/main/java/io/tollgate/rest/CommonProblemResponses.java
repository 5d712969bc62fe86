package io.tollgate.rest;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.tollgate.http.RequestHeads;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents the problem answers that every API operation shares, so that an endpoint declares only
 * its own: 401 for a request without a valid bearer token, 403 for a change the caller's role does
 * not allow, 404 for a path under a project that does not exist or is hidden from the caller (ADR
 * 0005) and 409 for a change to one that is archived, 409 with {@code Retry-After} for any change
 * that lost to concurrent work on the same data ({@link ProblemType#CONTENDED}), 503 with {@code
 * Retry-After} while the database cannot be reached, 400 for an invalid request (every operation
 * checks its query), 405 for a method the path does not take, 406 for an {@code Accept} header that
 * allows no JSON, 413 and 415 for one with a body ({@code Accept-Patch} on a PATCH's), 422 for one
 * that takes {@code Idempotency-Key}, 412 for one that takes {@code If-Match} (every read does,
 * {@link ConditionalGet}) and 428 where it is required. An endpoint that documents one of these
 * itself keeps its own description (a 409 of its own gets the {@code Retry-After} of a contended
 * one all the same). Every problem answer, an endpoint's own included, gets the {@link Problem}
 * schema unless it names another, and that schema gets the members {@link ProblemMappers} adds to
 * any problem.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class CommonProblemResponses implements OASFilter {

  private static final Set<PathItem.HttpMethod> READS =
      Set.of(PathItem.HttpMethod.GET, PathItem.HttpMethod.HEAD, PathItem.HttpMethod.OPTIONS);

  /**
   * The operation extension by which an update or delete says that it takes If-Match but goes ahead
   * without it ({@code @Extension(name = IF_MATCH_OPTIONAL, value = "true")} on the resource
   * method): a resource of its own that no version guards, such as a link between two others. The
   * document then says so instead of requiring it, and the extension is taken out.
   */
  public static final String IF_MATCH_OPTIONAL = "x-tollgate-if-match-optional";

  /** The name of {@link Problem}'s schema. */
  static final String PROBLEM = "Problem";

  private static final String RETRY_AFTER = "Retry-After";

  /** The longest {@code Idempotency-Key} that {@link Idempotency} takes (400 beyond it). */
  static final int IDEMPOTENCY_KEY_MAX_LENGTH = 200;

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    ApiOperations.each(openAPI, CommonProblemResponses::document);
    ApiOperations.each(
        openAPI, (path, method, operation) -> typeProblems(operation.getResponses()));
    if (openAPI.getComponents() != null
        && openAPI.getComponents().getSchemas() != null
        && openAPI.getComponents().getSchemas().get(PROBLEM) != null) {
      openAPI
          .getComponents()
          .getSchemas()
          .get(PROBLEM)
          .addProperty(
              "requestId",
              OASFactory.createSchema()
                  .addType(Schema.SchemaType.STRING)
                  .description(
                      "The request's X-Request-Id, when it came with one (the gateway gives every"
                          + " request one)"))
          // RFC 9457 3.2: a problem type may add members of its own (an operation's description
          // and examples show them), which a client must ignore where it does not know them
          .additionalPropertiesBoolean(Boolean.TRUE);
    }
  }

  private static void document(String path, PathItem.HttpMethod method, Operation operation) {
    if (operation.getResponses() == null) {
      operation.setResponses(OASFactory.createAPIResponses());
    }
    APIResponses responses = operation.getResponses();
    add(
        responses,
        "401",
        "No valid bearer token: missing, expired, not signed by the trusted"
            + " issuer or not for this audience");
    if (!READS.contains(method)) {
      add(responses, "403", "The caller's role does not allow this change");
    }
    if (method == PathItem.HttpMethod.GET && !takesIfMatch(operation)) {
      // a read evaluates If-Match too (ConditionalGet, RFC 9110 13.2.2)
      operation.addParameter(
          OASFactory.createParameter()
              .name("If-Match")
              .in(Parameter.In.HEADER)
              .description(
                  "Optional: the ETag the client expects; 412 if it is not the current one")
              .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
    }
    if (!takeExtension(operation, IF_MATCH_OPTIONAL) && requiresIfMatch(method, operation)) {
      add(responses, "428", "If-Match is missing");
      ifMatch(operation).required(true);
    }
    if (takesIfMatch(operation)) {
      add(
          responses,
          "412",
          method == PathItem.HttpMethod.GET
              ? "If-Match names no current ETag of what is read (a read without one, such as a"
                  + " list, matches only *)"
              : "If-Match does not name the current version; read it again");
    }
    // every operation checks its query (QueryParameters): even one that
    // takes none refuses a parameter it does not know
    add(
        responses,
        "400",
        "The request is not valid: violations names each field or query"
            + " parameter and what is wrong with it");
    // every router checks the request's head first (RouterRefusals, ADR 0019)
    add(
        responses,
        "414",
        String.format(
            Locale.ROOT,
            "The request target (path and query) is longer than %,d characters",
            RequestHeads.MAX_TARGET_LENGTH));
    add(
        responses,
        "431",
        String.format(
            Locale.ROOT,
            "The request's header fields take more than %,d bytes; detail names the largest",
            RequestHeads.MAX_HEADER_BYTES_AT_A_SERVICE));
    // an operation's database cannot be reached (ProblemMappers): a retry later may succeed
    add(
        responses,
        "503",
        "The database cannot be reached just now; Retry-After says when to try again");
    retryAfter(responses.getAPIResponse("503"), true, "The seconds after which to try again");
    // a path answers the methods it does not take (AllowedMethods) and an Accept header it cannot
    // meet with problems too, whichever of its operations a client meant
    add(
        responses,
        "405",
        "The path does not take the request's method; Allow lists the methods it does take");
    APIResponse notAllowed = responses.getAPIResponse("405");
    if (notAllowed.getHeaders() == null || !notAllowed.getHeaders().containsKey("Allow")) {
      notAllowed.addHeader(
          "Allow",
          OASFactory.createHeader()
              .description("The methods the path takes, e.g. \"GET, HEAD, OPTIONS, POST\"")
              .required(true)
              .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
    }
    add(
        responses,
        "406",
        "The Accept header allows none of the media types the operation answers in (detail"
            + " names them)");
    if (operation.getRequestBody() != null) {
      add(
          responses,
          "413",
          "The request body is larger than the service accepts (1 MiB by" + " default)");
      add(
          responses,
          "415",
          "The request body is not "
              + (operation.getRequestBody().getContent() == null
                  ? "JSON"
                  : String.join(
                      " or ", operation.getRequestBody().getContent().getMediaTypes().keySet())));
      // RFC 5789 2.2: a PATCH in a media type it does not take says which it does (AllowedMethods)
      if (method == PathItem.HttpMethod.PATCH) {
        APIResponse unsupported = responses.getAPIResponse("415");
        if (unsupported.getHeaders() == null
            || !unsupported.getHeaders().containsKey(AllowedMethods.ACCEPT_PATCH)) {
          unsupported.addHeader(
              AllowedMethods.ACCEPT_PATCH,
              OASFactory.createHeader()
                  .description("The media types a PATCH of the resource takes")
                  .required(true)
                  .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        }
      }
    }
    Parameter idempotencyKey = header(operation, Idempotency.HEADER);
    if (idempotencyKey != null) {
      add(responses, "422", "The Idempotency-Key was used before with a different request body");
      // a longer or blank key is a 400 naming the header
      if (idempotencyKey.getSchema() == null) {
        idempotencyKey.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
      }
      idempotencyKey.getSchema().minLength(1).maxLength(IDEMPOTENCY_KEY_MAX_LENGTH).pattern("\\S");
    }
    if (path.startsWith("/api/v1/projects/{id}")) {
      add(responses, "404", "No such project, or the caller is not one of its stakeholders");
      if (!READS.contains(method)) {
        add(
            responses,
            "409",
            "The project is archived and accepts no changes, or the change conflicts with its"
                + " current state (detail says which), or it waited too long for concurrent work"
                + " on the same data and was not made (type contended; Retry-After says when to"
                + " send it again)");
      }
    }
    if (!READS.contains(method)) {
      // any change may wait for a lock that other work holds on its rows, past the lock timeout,
      // or lose a deadlock (ProblemMappers): a 409 of its own type, which may be sent again
      add(
          responses,
          "409",
          "The change waited too long for concurrent work on the same data and was not made"
              + " (type contended); Retry-After says when to send it again");
      retryAfter(
          responses.getAPIResponse("409"),
          false,
          "With the contended problem type only: the seconds after which the same request may be"
              + " sent again");
    }
  }

  /** Documents the {@code Retry-After} header of a problem answer, unless it does itself. */
  private static void retryAfter(APIResponse response, boolean required, String description) {
    if (response.getHeaders() == null || !response.getHeaders().containsKey(RETRY_AFTER)) {
      response.addHeader(
          RETRY_AFTER,
          OASFactory.createHeader()
              .description(description)
              .required(required)
              .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
    }
  }

  /**
   * Whether the operation carries the extension, which is then taken out of the document. SmallRye
   * copies an {@code @Extension} on a resource method to the operation's responses and to each
   * response as well, where a client (and the gateway's merge) reads every key of the responses as
   * a status; it is looked for, and taken out, everywhere.
   */
  private static boolean takeExtension(Operation operation, String name) {
    boolean found = false;
    if (operation.getExtensions() != null && operation.getExtensions().containsKey(name)) {
      operation.removeExtension(name);
      found = true;
    }
    APIResponses responses = operation.getResponses();
    if (responses != null
        && responses.getExtensions() != null
        && responses.getExtensions().containsKey(name)) {
      responses.removeExtension(name);
      found = true;
    }
    if (responses != null && responses.getAPIResponses() != null) {
      for (APIResponse response : responses.getAPIResponses().values()) {
        if (response.getExtensions() != null && response.getExtensions().containsKey(name)) {
          response.removeExtension(name);
          found = true;
        }
      }
    }
    return found;
  }

  private static boolean takesIfMatch(Operation operation) {
    return ifMatch(operation) != null;
  }

  /**
   * Updates and deletes require If-Match (428 without it, {@link Preconditions}); a command sent
   * with POST may take one to say which version it was decided on, and goes ahead without it, and
   * so does a read.
   */
  private static boolean requiresIfMatch(PathItem.HttpMethod method, Operation operation) {
    return !READS.contains(method) && method != PathItem.HttpMethod.POST && takesIfMatch(operation);
  }

  private static Parameter ifMatch(Operation operation) {
    return header(operation, "If-Match");
  }

  private static Parameter header(Operation operation, String name) {
    return operation.getParameters() == null
        ? null
        : operation.getParameters().stream()
            .filter(p -> p.getIn() == Parameter.In.HEADER && name.equalsIgnoreCase(p.getName()))
            .findFirst()
            .orElse(null);
  }

  private static void add(APIResponses responses, String status, String description) {
    if (responses.hasAPIResponse(status)) {
      return;
    }
    responses.addAPIResponse(
        status,
        OASFactory.createAPIResponse()
            .description(description)
            .content(
                OASFactory.createContent()
                    .addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType())));
  }

  /** Gives every problem answer that names no schema of its own the {@link Problem} schema. */
  private static void typeProblems(APIResponses responses) {
    if (responses == null || responses.getAPIResponses() == null) {
      return;
    }
    for (APIResponse response : responses.getAPIResponses().values()) {
      MediaType problem =
          response.getContent() == null
              ? null
              : response.getContent().getMediaType(Problem.MEDIA_TYPE);
      if (problem != null && problem.getSchema() == null) {
        problem.setSchema(OASFactory.createSchema().ref(PROBLEM));
      }
    }
  }
}
