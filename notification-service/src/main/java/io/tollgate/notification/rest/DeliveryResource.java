package io.tollgate.notification.rest;

import io.tollgate.notification.model.DeliveryStatus;
import io.tollgate.notification.service.DeliveryLog;
import io.tollgate.rest.ContentTag;
import io.tollgate.rest.PageRequest;
import io.tollgate.rest.Problem;
import io.tollgate.rest.QueryCheck;
import io.tollgate.rest.QueryValues;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A subscription's delivery log, redelivery and replay (ADR 0026). The paths are under the
 * subscription, so whoever may see it (its owner, ADMIN) may see its deliveries; anyone else gets
 * 404.
 */
@Path("/api/v1/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
    name = "Deliveries",
    description = "What was sent to a subscription's receiver, every attempt, and sending again")
public class DeliveryResource {

  private static final String SUBSCRIPTION_NOT_FOUND =
      "{\"type\":\"https://tollgate.io/problems/not-found\",\"title\":\"Resource not found\","
          + "\"status\":404,\"detail\":\"subscription 0b6e7f7a-4d8c-4f53-9a0e-2f1c3d4e5f60 does"
          + " not exist\"}";

  private static final String DELIVERY_NOT_FOUND =
      "{\"type\":\"https://tollgate.io/problems/not-found\",\"title\":\"Resource not found\","
          + "\"status\":404,\"detail\":\"delivery 7d1f0c2e-9b3a-4e6f-8a5d-1c2b3a4d5e6f does"
          + " not exist\"}";

  private static final String DELIVERY_EXAMPLE =
      "{\"id\":\"7d1f0c2e-9b3a-4e6f-8a5d-1c2b3a4d5e6f\",\"subscriptionId\":"
          + "\"0b6e7f7a-4d8c-4f53-9a0e-2f1c3d4e5f60\",\"eventId\":"
          + "\"2c4f6a8e-0b1d-4e3f-9a5c-7e8d1b2a3c4f\",\"eventType\":\"tollgate.risk.assessed.v1\","
          + "\"projectId\":\"3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\",\"status\":\"PENDING\","
          + "\"attempts\":2,\"nextAttemptAt\":\"2026-03-10T08:16:05Z\",\"lastAttemptAt\":"
          + "\"2026-03-10T08:15:35Z\",\"lastStatusCode\":503,\"lastError\":\"the receiver"
          + " answered 503\",\"deliveredAt\":null,\"createdAt\":\"2026-03-10T08:15:00Z\","
          + "\"updatedAt\":\"2026-03-10T08:15:35Z\"}";

  private final DeliveryLog log;

  DeliveryResource(DeliveryLog log) {
    this.log = log;
  }

  @GET
  @Path("/{id}/deliveries")
  @Operation(
      operationId = "listSubscriptionDeliveries",
      summary = "List a subscription's deliveries",
      description =
          "The events sent (or being sent) to the subscription's receiver, newest first, with"
              + " where each stands: status, attempts in the current round, the next attempt, the"
              + " last status code and error. Filter by status (may repeat: any of the values).")
  @APIResponse(
      responseCode = "200",
      description = "One page of deliveries",
      content =
          @Content(
              schema = @Schema(implementation = DeliveryPage.class),
              examples =
                  @ExampleObject(
                      name = "page",
                      value =
                          "{\"items\":["
                              + DELIVERY_EXAMPLE
                              + "],\"page\":0,\"size\":20,\"totalItems\":1,\"totalPages\":1}")))
  @APIResponse(
      responseCode = "400",
      description = "A status or page parameter that is not valid",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "No such subscription, or not the caller's",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples =
                  @ExampleObject(name = "unknown subscription", value = SUBSCRIPTION_NOT_FOUND)))
  public Response list(
      @PathParam("id") UUID id,
      @Parameter(
              description = "Only deliveries in one of these statuses",
              schema = @Schema(type = SchemaType.ARRAY, implementation = DeliveryStatus.class))
          @QueryParam("status")
          List<String> status,
      @BeanParam PageRequest.Params paging,
      @Context UriInfo uri) {
    QueryCheck query = new QueryCheck();
    Set<DeliveryStatus> statuses =
        query.read(() -> QueryValues.enumValues(DeliveryStatus.class, "status", status));
    PageRequest page = query.page(paging);
    query.requireValid();
    return PageRequest.respond(log.list(id, statuses, page).map(DeliveryView::of), uri);
  }

  @GET
  @Path("/{id}/deliveries/{deliveryId}")
  @ContentTag
  @Operation(
      operationId = "getSubscriptionDelivery",
      summary = "Get a delivery with its attempts",
      description =
          "The delivery and every attempt to deliver it, oldest first, across rounds: when, the"
              + " receiver's status, how long it took, why it failed and the start of the"
              + " receiver's answer (at most 1,000 characters). Its ETag is a digest of the"
              + " answer: If-None-Match with it answers 304 while no attempt was added and the"
              + " delivery has not changed.")
  @APIResponse(
      responseCode = "200",
      description = "The delivery and its log",
      content = @Content(schema = @Schema(implementation = DeliveryDetailView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such subscription or delivery, or not the caller's",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = @ExampleObject(name = "unknown delivery", value = DELIVERY_NOT_FOUND)))
  @APIResponse(responseCode = "304", description = "The delivery is still the one of that ETag")
  public DeliveryDetailView get(
      @PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
    DeliveryLog.Logged logged = log.get(id, deliveryId);
    return DeliveryDetailView.of(logged.delivery(), logged.attempts());
  }

  @POST
  @Path("/{id}/deliveries/{deliveryId}/redelivery")
  @Operation(
      operationId = "redeliverSubscriptionDelivery",
      summary = "Send a delivery again",
      description =
          "Starts a new round for a DELIVERED or DEAD delivery: PENDING, no attempts yet, due"
              + " now, with the same webhook-id (a receiver that already has it may drop it). The"
              + " attempts of earlier rounds stay in its log. A delivery of an inactive"
              + " subscription waits until the subscription is active again.")
  @APIResponse(
      responseCode = "202",
      description = "Queued; the delivery as it now stands",
      content =
          @Content(
              schema = @Schema(implementation = DeliveryView.class),
              examples = @ExampleObject(name = "queued", value = DELIVERY_EXAMPLE)))
  @APIResponse(
      responseCode = "404",
      description = "No such subscription or delivery, or not the caller's",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "409",
      description = "The delivery is PENDING already",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples =
                  @ExampleObject(
                      name = "pending",
                      value =
                          "{\"type\":\"https://tollgate.io/problems/conflict\",\"title\":"
                              + "\"Conflict with the current state\",\"status\":409,\"detail\":"
                              + "\"delivery 7d1f0c2e-9b3a-4e6f-8a5d-1c2b3a4d5e6f is PENDING"
                              + " already: its next attempt comes by itself\"}")))
  public Response redeliver(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
    return Response.accepted(DeliveryView.of(log.redeliver(id, deliveryId))).build();
  }

  @POST
  @Path("/{id}/replay")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "replaySubscriptionDeliveries",
      summary = "Send a subscription's deliveries again since a moment",
      description =
          "Starts a new round for every delivery of the subscription created since `since`"
              + " (DELIVERED or DEAD; those still PENDING are on their way already), e.g. after a"
              + " receiver lost data. Only events the subscription received are kept, so a"
              + " replay covers nothing from before it existed.")
  @APIResponse(
      responseCode = "202",
      description = "Queued; how many deliveries",
      content =
          @Content(
              schema = @Schema(implementation = ReplayView.class),
              examples = @ExampleObject(name = "queued", value = "{\"queued\":12}")))
  @APIResponse(
      responseCode = "400",
      description = "No since, one that is no RFC 3339 timestamp, or one in the future",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples =
                  @ExampleObject(
                      name = "future",
                      value =
                          "{\"type\":\"https://tollgate.io/problems/validation\",\"title\":"
                              + "\"Request is not valid\",\"status\":400,\"detail\":\"1 field is"
                              + " not valid\",\"violations\":[{\"field\":\"since\",\"message\":"
                              + "\"must not be in the future\"}]}")))
  @APIResponse(
      responseCode = "404",
      description = "No such subscription, or not the caller's",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response replay(@PathParam("id") UUID id, @NotNull @Valid ReplayRequest request) {
    return Response.accepted(new ReplayView(log.replay(id, request.since()))).build();
  }
}
