package io.tollgate.notification.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.notification.mapping.SubscriptionMapper;
import io.tollgate.notification.model.Channel;
import io.tollgate.notification.model.Subscription;
import io.tollgate.notification.service.EventCatalogue;
import io.tollgate.notification.service.SubscriptionService;
import io.tollgate.rest.ContentTag;
import io.tollgate.rest.Idempotency;
import io.tollgate.rest.MergePatch;
import io.tollgate.rest.PageRequest;
import io.tollgate.rest.Preconditions;
import io.tollgate.rest.Problem;
import io.tollgate.rest.QueryCheck;
import io.tollgate.rest.QueryValues;
import io.tollgate.rest.Responses;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
    name = "Subscriptions",
    description =
        "Which events of which project reach you, and how: a signed webhook, your inbox or e-mail")
public class SubscriptionResource {

  private static final String NOT_FOUND_EXAMPLE =
      "{\"type\":\"https://tollgate.io/problems/not-found\",\"title\":\"Resource not found\","
          + "\"status\":404,\"detail\":\"subscription 5b0e8f2a-9c1d-4e3f-8a7b-6c5d4e3f2a1b does"
          + " not exist\"}";

  private static final String PROJECT_NOT_FOUND_EXAMPLE =
      "{\"type\":\"https://tollgate.io/problems/not-found\",\"title\":\"Resource not found\","
          + "\"status\":404,\"detail\":\"project 3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11 does not"
          + " exist\"}";

  private final SubscriptionService subscriptions;
  private final Idempotency idempotency;

  SubscriptionResource(SubscriptionService subscriptions, Idempotency idempotency) {
    this.subscriptions = subscriptions;
    this.idempotency = idempotency;
  }

  private static Response current(Subscription s) {
    return Response.ok(SubscriptionMapper.toView(s)).tag(Preconditions.etag(s.version)).build();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "createSubscription",
      summary = "Subscribe to events",
      description =
          "Subscribes the caller (its owner) to a project's events, or to every project's (ADMIN"
              + " and PMO only; an API key limited to projects names one of them), through a"
              + " WEBHOOK, the INBOX or EMAIL. A WEBHOOK's answer holds its signing secret: the"
              + " only time it is shown, with POST .../secret's. Send an Idempotency-Key to make"
              + " retries safe: a retry with the same key and body makes no second subscription"
              + " and answers the first one again (Idempotent-Replayed: true) without its secret,"
              + " which is not kept for replays (ADR 0021); if that first answer was lost, rotate"
              + " the secret.")
  @APIResponse(
      responseCode = "201",
      description = "Subscribed; Location points at the subscription",
      headers = @Header(name = "ETag", ref = "ETag"),
      content =
          @Content(
              schema = @Schema(implementation = SubscriptionSchemas.WithSecret.class),
              examples =
                  @ExampleObject(
                      name = "webhook",
                      value =
                          "{\"id\":\"5b0e8f2a-9c1d-4e3f-8a7b-6c5d4e3f2a1b\",\"name\":\"CRM risks"
                              + " to our on-call\",\"projectId\":"
                              + "\"3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\",\"channel\":\"WEBHOOK\","
                              + "\"url\":\"https://hooks.example.com/tollgate\",\"email\":null,"
                              + "\"eventTypes\":[\"tollgate.risk.*\"],\"minSeverity\":"
                              + "\"WARNING\",\"audience\":\"TECHNICAL\",\"digest\":\"IMMEDIATE\","
                              + "\"active\":true,\"ownerId\":\"alice\",\"secret\":"
                              + "\"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw3B3PjDC2bXU=\","
                              + "\"createdAt\":\"2026-03-10T08:15:00Z\",\"updatedAt\":"
                              + "\"2026-03-10T08:15:00Z\",\"version\":0}")))
  @APIResponse(
      responseCode = "400",
      description =
          "Invalid body; violations lists each field (a URL for another channel than WEBHOOK, an"
              + " unknown event type, no projectId for a caller who is not ADMIN or PMO, ...)",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples =
                  @ExampleObject(
                      name = "unknown event type",
                      value =
                          "{\"type\":\"https://tollgate.io/problems/validation\",\"title\":"
                              + "\"Request is not valid\",\"status\":400,\"detail\":\"1 field is"
                              + " not valid\",\"violations\":[{\"field\":\"eventTypes[0]\","
                              + "\"message\":\"\\\"tollgate.risk.escalated.v1\\\" is not an event"
                              + " type the platform publishes nor a family of them"
                              + " (tollgate.<producer>.*); GET"
                              + " /api/v1/subscriptions/event-types lists them\"}]}")))
  @APIResponse(
      responseCode = "404",
      description = "No such project, or the caller may not read it",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples =
                  @ExampleObject(name = "unknown project", value = PROJECT_NOT_FOUND_EXAMPLE)))
  @APIResponse(
      responseCode = "409",
      description = "The project is archived",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples =
                  @ExampleObject(
                      name = "archived project",
                      value =
                          "{\"type\":\"https://tollgate.io/problems/conflict\",\"title\":"
                              + "\"Conflict with the current state\",\"status\":409,\"detail\":"
                              + "\"project CRM is archived; nothing will happen in it to be told"
                              + " of\"}")))
  public Response create(
      @NotNull @Valid SubscriptionCreate request,
      @Parameter(description = "Makes the create safe to retry; e.g. a UUID")
          @HeaderParam(Idempotency.HEADER)
          String idempotencyKey,
      @Context UriInfo uri) {
    AtomicReference<Subscription> made = new AtomicReference<>();
    Response answer =
        idempotency.once(
            idempotencyKey,
            uri,
            request,
            () -> {
              Subscription s = subscriptions.create(request);
              made.set(s);
              // what a replay answers: the secret is shown once, so it is not kept for one
              return Responses.created(uri, s.id, s.version, SubscriptionMapper.toView(s));
            });
    Subscription s = made.get();
    return s == null
        ? answer
        : Responses.created(uri, s.id, s.version, SubscriptionMapper.withSecret(s));
  }

  @GET
  @Operation(
      operationId = "listSubscriptions",
      summary = "List your subscriptions",
      description =
          "Pages through the caller's subscriptions (ADMIN: everyone's), oldest first, then by"
              + " id. Filter by projectId, channel and active. No secret is shown.")
  @APIResponse(
      responseCode = "200",
      description = "One page of subscriptions",
      content =
          @Content(
              schema = @Schema(implementation = SubscriptionSchemas.Page.class),
              examples =
                  @ExampleObject(
                      name = "page",
                      value =
                          "{\"items\":["
                              + "{\"id\":\"5b0e8f2a-9c1d-4e3f-8a7b-6c5d4e3f2a1b\",\"name\":\"CRM"
                              + " risks to our on-call\",\"projectId\":"
                              + "\"3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\",\"channel\":\"WEBHOOK\","
                              + "\"url\":\"https://hooks.example.com/tollgate\",\"email\":null,"
                              + "\"eventTypes\":[\"tollgate.risk.*\"],\"minSeverity\":"
                              + "\"WARNING\",\"audience\":\"TECHNICAL\",\"digest\":\"IMMEDIATE\","
                              + "\"active\":true,\"ownerId\":\"alice\",\"createdAt\":"
                              + "\"2026-03-10T08:15:00Z\",\"updatedAt\":"
                              + "\"2026-03-10T08:15:00Z\",\"version\":0}],\"page\":0,\"size\":20,"
                              + "\"totalItems\":1,\"totalPages\":1}")))
  @APIResponse(
      responseCode = "400",
      description = "A filter or page parameter that is not valid",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response list(
      @Parameter(
              description = "Only subscriptions to this project",
              schema = @Schema(type = SchemaType.STRING, format = "uuid"))
          @QueryParam("projectId")
          String projectId,
      @Parameter(
              description = "Only subscriptions through this channel",
              schema = @Schema(implementation = Channel.class))
          @QueryParam("channel")
          String channel,
      @Parameter(
              description = "Only active (true) or inactive (false) subscriptions",
              schema = @Schema(type = SchemaType.BOOLEAN))
          @QueryParam("active")
          String active,
      @BeanParam PageRequest.Params paging,
      @Context UriInfo uri) {
    QueryCheck query = new QueryCheck();
    UUID project =
        query.read(() -> projectId == null ? null : QueryValues.uuid("projectId", projectId));
    Channel through =
        query.read(
            () ->
                channel == null ? null : QueryValues.enumValue(Channel.class, "channel", channel));
    Boolean isActive =
        query.read(() -> active == null ? null : QueryValues.booleanValue("active", active, true));
    PageRequest page = query.page(paging);
    query.requireValid();
    return PageRequest.respond(
        subscriptions.list(project, through, isActive, page).map(SubscriptionMapper::toView), uri);
  }

  @GET
  @Path("/event-types")
  @ContentTag
  @Operation(
      operationId = "listSubscriptionEventTypes",
      summary = "List the event types to subscribe to",
      description =
          "Every event type the platform publishes, by producer, with what it means: what a"
              + " subscription's eventTypes may name, one by one or as a family"
              + " (tollgate.<producer>.*, e.g. tollgate.risk.*). Its ETag is a digest of the"
              + " answer.")
  @APIResponse(
      responseCode = "200",
      description = "The event types",
      content =
          @Content(
              schema = @Schema(type = SchemaType.ARRAY, implementation = EventTypeView.class),
              examples =
                  @ExampleObject(
                      name = "types",
                      value =
                          "[{\"type\":\"tollgate.risk.assessed.v1\",\"producer\":\"risk-service\","
                              + "\"description\":\"A risk was identified or re-assessed"
                              + " (probability, impact, level); it is open.\"},{\"type\":"
                              + "\"tollgate.risk.closed.v1\",\"producer\":\"risk-service\","
                              + "\"description\":\"A risk was closed (it no longer threatens the"
                              + " project); data.status is CLOSED.\"}]")))
  public List<EventTypeView> eventTypes() {
    return EventCatalogue.ALL.stream().map(SubscriptionMapper::toView).toList();
  }

  @GET
  @Path("/{id}")
  @Operation(
      operationId = "getSubscription",
      summary = "Get a subscription",
      description =
          "One of the caller's subscriptions (ADMIN: anyone's) with its ETag (its version);"
              + " If-None-Match with it answers 304 while it has not changed. No secret is shown.")
  @APIResponse(
      responseCode = "200",
      description = "The subscription",
      content =
          @Content(
              schema = @Schema(implementation = SubscriptionView.class),
              examples =
                  @ExampleObject(
                      name = "webhook",
                      value =
                          "{\"id\":\"5b0e8f2a-9c1d-4e3f-8a7b-6c5d4e3f2a1b\",\"name\":\"CRM risks"
                              + " to our on-call\",\"projectId\":"
                              + "\"3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\",\"channel\":\"WEBHOOK\","
                              + "\"url\":\"https://hooks.example.com/tollgate\",\"email\":null,"
                              + "\"eventTypes\":[\"tollgate.risk.*\"],\"minSeverity\":"
                              + "\"WARNING\",\"audience\":\"TECHNICAL\",\"digest\":\"IMMEDIATE\","
                              + "\"active\":true,\"ownerId\":\"alice\",\"createdAt\":"
                              + "\"2026-03-10T08:15:00Z\",\"updatedAt\":"
                              + "\"2026-03-10T08:15:00Z\",\"version\":0}")))
  @APIResponse(
      responseCode = "404",
      description = "No such subscription, or it is not the caller's",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = @ExampleObject(name = "unknown subscription", value = NOT_FOUND_EXAMPLE)))
  public Response get(@PathParam("id") UUID id) {
    return current(subscriptions.get(id));
  }

  @PATCH
  @Path("/{id}")
  @Consumes({MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
  @Operation(
      operationId = "updateSubscription",
      summary = "Change a subscription",
      description =
          "JSON merge patch of any field but the channel. If-Match with the subscription's ETag"
              + " is required. A new projectId must be readable and not archived; null (every"
              + " project) is for ADMIN and PMO. No secret is shown: rotate it with POST"
              + " .../secret.")
  @APIResponse(
      responseCode = "200",
      description = "The changed subscription",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
  @APIResponse(
      responseCode = "400",
      description = "Invalid patch; violations lists each field",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples =
                  @ExampleObject(
                      name = "channel",
                      value =
                          "{\"type\":\"https://tollgate.io/problems/validation\",\"title\":"
                              + "\"Request is not valid\",\"status\":400,\"detail\":\"1 field is"
                              + " not valid\",\"violations\":[{\"field\":\"channel\",\"message\":"
                              + "\"cannot be changed (it is WEBHOOK); create another subscription"
                              + " for another channel\"}]}")))
  @APIResponse(
      responseCode = "404",
      description = "No such subscription or it is not the caller's; or no such new project",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = @ExampleObject(name = "unknown subscription", value = NOT_FOUND_EXAMPLE)))
  @APIResponse(
      responseCode = "409",
      description = "The new project is archived",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response update(
      @PathParam("id") UUID id,
      @Parameter(required = true, description = "The subscription's ETag")
          @HeaderParam(HttpHeaders.IF_MATCH)
          String ifMatch,
      @Schema(implementation = SubscriptionPatch.class) JsonNode patch) {
    return current(subscriptions.update(id, ifMatch, patch));
  }

  @DELETE
  @Path("/{id}")
  @Operation(
      operationId = "deleteSubscription",
      summary = "Unsubscribe",
      description =
          "Removes the subscription with its deliveries; its inbox notifications stay. If-Match"
              + " with its ETag is required.")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(
      responseCode = "404",
      description = "No such subscription, or it is not the caller's",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = @ExampleObject(name = "unknown subscription", value = NOT_FOUND_EXAMPLE)))
  @APIResponse(
      responseCode = "409",
      description = "Concurrent work on the same subscription",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response delete(
      @PathParam("id") UUID id,
      @Parameter(required = true, description = "The subscription's ETag")
          @HeaderParam(HttpHeaders.IF_MATCH)
          String ifMatch) {
    subscriptions.delete(id, ifMatch);
    return Response.noContent().build();
  }

  @POST
  @Path("/{id}/secret")
  @Operation(
      operationId = "rotateSubscriptionSecret",
      summary = "Rotate a webhook's secret",
      description =
          "Gives a WEBHOOK subscription a new signing secret and answers it, the only time it is"
              + " shown; deliveries from now on are signed with it, and the old one signs nothing"
              + " more. If-Match with the subscription's ETag is required.")
  @APIResponse(
      responseCode = "200",
      description = "The subscription with its new secret",
      headers = @Header(name = "ETag", ref = "ETag"),
      content =
          @Content(
              schema = @Schema(implementation = SubscriptionSchemas.WithSecret.class),
              examples =
                  @ExampleObject(
                      name = "rotated",
                      value =
                          "{\"id\":\"5b0e8f2a-9c1d-4e3f-8a7b-6c5d4e3f2a1b\",\"name\":\"CRM risks"
                              + " to our on-call\",\"projectId\":"
                              + "\"3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\",\"channel\":\"WEBHOOK\","
                              + "\"url\":\"https://hooks.example.com/tollgate\",\"email\":null,"
                              + "\"eventTypes\":[\"tollgate.risk.*\"],\"minSeverity\":"
                              + "\"WARNING\",\"audience\":\"TECHNICAL\",\"digest\":\"IMMEDIATE\","
                              + "\"active\":true,\"ownerId\":\"alice\",\"secret\":"
                              + "\"whsec_h1Tz0C4mQ0Bq3yWc8gU9Jt2x0q2vN1rPq7k5sXo3ZtE=\","
                              + "\"createdAt\":\"2026-03-10T08:15:00Z\",\"updatedAt\":"
                              + "\"2026-04-01T12:00:00Z\",\"version\":1}")))
  @APIResponse(
      responseCode = "404",
      description = "No such subscription, or it is not the caller's",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = @ExampleObject(name = "unknown subscription", value = NOT_FOUND_EXAMPLE)))
  @APIResponse(
      responseCode = "409",
      description = "The subscription is not a WEBHOOK and has no secret",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples =
                  @ExampleObject(
                      name = "not a webhook",
                      value =
                          "{\"type\":\"https://tollgate.io/problems/conflict\",\"title\":"
                              + "\"Conflict with the current state\",\"status\":409,\"detail\":"
                              + "\"subscription 5b0e8f2a-9c1d-4e3f-8a7b-6c5d4e3f2a1b is an INBOX"
                              + " subscription; only a WEBHOOK has a secret\"}")))
  @APIResponse(
      responseCode = "428",
      description = "If-Match is missing",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response rotateSecret(
      @PathParam("id") UUID id,
      @Parameter(required = true, description = "The subscription's ETag")
          @HeaderParam(HttpHeaders.IF_MATCH)
          String ifMatch) {
    Subscription s = subscriptions.rotateSecret(id, ifMatch);
    return Response.ok(SubscriptionMapper.withSecret(s)).tag(Preconditions.etag(s.version)).build();
  }
}
