package io.tollgate.notification.rest;

import io.tollgate.notification.model.Severity;
import io.tollgate.notification.repository.NotificationRepository;
import io.tollgate.notification.service.Inbox;
import io.tollgate.notification.service.NotificationStreams;
import io.tollgate.rest.ContentTag;
import io.tollgate.rest.PageRequest;
import io.tollgate.rest.Problem;
import io.tollgate.rest.ProblemException;
import io.tollgate.rest.QueryCheck;
import io.tollgate.rest.QueryValues;
import io.tollgate.rest.Rfc3339;
import io.tollgate.security.Caller;
import io.tollgate.security.ProjectAccess;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
    name = "Notifications",
    description =
        "The caller's in-app inbox: notifications from their INBOX subscriptions, read state and"
            + " a live stream")
public class NotificationResource {

  static final String NOTIFICATION_EXAMPLE =
      "{\"id\":\"0b7e6c1d-2f3a-4b5c-8d9e-0f1a2b3c4d5e\",\"eventId\":"
          + "\"9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d\",\"eventType\":"
          + "\"tollgate.milestone.updated.v1\",\"projectId\":"
          + "\"3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\",\"subscriptionId\":"
          + "\"5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a\",\"severity\":\"CRITICAL\",\"title\":"
          + "\"Security audit of Apollo is 6 days late\",\"message\":\"Security audit of Apollo is"
          + " now 6 days late (forecast 2027-03-12).\",\"createdAt\":\"2027-03-08T09:00:00Z\","
          + "\"read\":false,\"readAt\":null}";

  private static final String NOT_FOUND_EXAMPLE =
      "{\"type\":\"https://tollgate.io/problems/not-found\",\"title\":\"Resource not found\","
          + "\"status\":404,\"detail\":\"notification 0b7e6c1d-2f3a-4b5c-8d9e-0f1a2b3c4d5e does"
          + " not exist\"}";

  private final Inbox inbox;
  private final NotificationStreams streams;
  private final Caller caller;
  private final ProjectAccess access;

  NotificationResource(
      Inbox inbox, NotificationStreams streams, Caller caller, ProjectAccess access) {
    this.inbox = inbox;
    this.streams = streams;
    this.caller = caller;
    this.access = access;
  }

  @GET
  @Operation(
      operationId = "listNotifications",
      summary = "List the caller's notifications",
      description =
          "The caller's own notifications, newest first (then by id). Filter by read state,"
              + " project and severity (severity may repeat: any of the values). A projectId the"
              + " caller may not read is a 404, as on every project path; an API key limited to"
              + " projects lists only theirs.")
  @APIResponse(
      responseCode = "200",
      description = "One page of notifications",
      content =
          @Content(
              schema = @Schema(implementation = NotificationAnswers.NotificationPage.class),
              examples =
                  @ExampleObject(
                      name = "page",
                      value =
                          "{\"items\":["
                              + NOTIFICATION_EXAMPLE
                              + "],\"page\":0,\"size\":20,\"totalItems\":1,\"totalPages\":1}")))
  @APIResponse(
      responseCode = "400",
      description = "A filter or page parameter that is not valid",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples =
                  @ExampleObject(
                      name = "unread",
                      value =
                          "{\"type\":\"https://tollgate.io/problems/validation\",\"title\":"
                              + "\"Request is not valid\",\"status\":400,\"detail\":\"1 field is"
                              + " not valid\",\"violations\":[{\"field\":\"unread\",\"message\":"
                              + "\"must be true or false\"}]}")))
  @APIResponse(
      responseCode = "404",
      description = "No such project, or the caller may not see it",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response list(
      @Parameter(
              description = "Only unread (true) or only read (false) notifications",
              schema = @Schema(type = SchemaType.BOOLEAN))
          @QueryParam("unread")
          String unread,
      @Parameter(
              description = "Only notifications about this project",
              schema = @Schema(type = SchemaType.STRING, format = "uuid"))
          @QueryParam("projectId")
          String projectId,
      @Parameter(
              description = "Only notifications of one of these severities",
              schema = @Schema(type = SchemaType.ARRAY, implementation = Severity.class))
          @QueryParam("severity")
          List<String> severity,
      @BeanParam PageRequest.Params paging,
      @Context UriInfo uri) {
    QueryCheck query = new QueryCheck();
    Boolean unreadOnly =
        unread == null || unread.isBlank()
            ? null
            : query.read(() -> QueryValues.booleanValue("unread", unread, false));
    UUID project = query.read(() -> QueryValues.uuid("projectId", projectId));
    Set<Severity> severities =
        query.read(() -> QueryValues.enumValues(Severity.class, "severity", severity));
    PageRequest page = query.page(paging);
    query.requireValid();
    Collection<UUID> projects =
        caller.projectLimit().map(limit -> (Collection<UUID>) limit).orElse(null);
    if (project != null) {
      // a project the caller may not read is not revealed, even by an empty page
      access.requireRead(project);
      projects = List.of(project);
    }
    var filter = new NotificationRepository.Filter(unreadOnly, projects, severities);
    return PageRequest.respond(
        inbox.list(caller.userId(), filter, page).map(NotificationView::of), uri);
  }

  @GET
  @Path("/unread-count")
  @ContentTag
  @Operation(
      operationId = "countUnreadNotifications",
      summary = "How many of the caller's notifications are unread",
      description =
          "Its ETag is a digest of the answer: If-None-Match with it answers 304 while the count"
              + " has not changed, so a badge can poll it cheaply.")
  @APIResponse(
      responseCode = "200",
      description = "The unread count",
      content =
          @Content(
              schema = @Schema(implementation = NotificationAnswers.UnreadCount.class),
              examples = @ExampleObject(name = "count", value = "{\"unread\":3}")))
  @APIResponse(responseCode = "304", description = "The count is still the one of that ETag")
  public NotificationAnswers.UnreadCount unreadCount() {
    return new NotificationAnswers.UnreadCount(inbox.unread(caller.userId()));
  }

  @GET
  @Path("/stream")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(
      operationId = "streamNotifications",
      summary = "A live stream of the caller's new notifications",
      description =
          "Server-Sent Events: each new notification of the caller as an event named"
              + " notification, with the notification's id as its id and, as data, the JSON that"
              + " GET /api/v1/notifications/{id} answers. With Last-Event-ID (sent by an"
              + " EventSource when it reconnects), the notifications that came after that one are"
              + " sent first. A comment line every 15 s keeps the connection alive. New"
              + " notifications are found within about a second, whichever replica wrote them.")
  @APIResponse(
      responseCode = "200",
      description = "The stream",
      content =
          @Content(
              mediaType = MediaType.SERVER_SENT_EVENTS,
              schema = @Schema(type = SchemaType.STRING),
              examples =
                  @ExampleObject(
                      name = "one notification",
                      value =
                          "id: 0b7e6c1d-2f3a-4b5c-8d9e-0f1a2b3c4d5e\nevent: notification\ndata: "
                              + NOTIFICATION_EXAMPLE
                              + "\n\n")))
  public void stream(
      @Parameter(description = "The id of the last notification received, to catch up after it")
          @HeaderParam("Last-Event-ID")
          String lastEventId,
      @Context SseEventSink sink,
      @Context Sse sse) {
    streams.open(caller.userId(), lastEventId, sink, sse);
  }

  @POST
  @Path("/read")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "markAllNotificationsRead",
      summary = "Mark all the caller's notifications read",
      description =
          "Marks every unread notification of the caller created up to before (default: now)"
              + " read, and answers how many it marked. The body may be left out.")
  @APIResponse(
      responseCode = "200",
      description = "How many were marked",
      content =
          @Content(
              schema = @Schema(implementation = NotificationAnswers.Marked.class),
              examples = @ExampleObject(name = "marked", value = "{\"marked\":12}")))
  @APIResponse(
      responseCode = "400",
      description = "before is not an RFC 3339 timestamp",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public NotificationAnswers.Marked markAllRead(
      @RequestBody(
              required = false,
              description = "Optional: without a body (or without before) it marks up to now",
              content =
                  @Content(
                      schema = @Schema(implementation = NotificationAnswers.MarkRead.class),
                      examples =
                          @ExampleObject(
                              name = "up to a time",
                              value = "{\"before\":\"2026-03-10T08:15:00Z\"}")))
          NotificationAnswers.MarkRead request) {
    if (request != null
        && request.before() != null
        && !Rfc3339.hasFourDigitYear(request.before())) {
      throw ProblemException.invalid("before", "must be a timestamp in years 0001-9999");
    }
    return new NotificationAnswers.Marked(
        inbox.markAllRead(caller.userId(), request == null ? null : request.before()));
  }

  @GET
  @Path("/{id}")
  @ContentTag
  @Operation(
      operationId = "getNotification",
      summary = "Get one of the caller's notifications",
      description =
          "Someone else's notification is a 404, as one that does not exist. Its ETag is a digest"
              + " of the answer: If-None-Match with it answers 304 while the notification (its"
              + " read state included) has not changed.")
  @APIResponse(
      responseCode = "200",
      description = "The notification",
      content =
          @Content(
              schema = @Schema(implementation = NotificationView.class),
              examples = @ExampleObject(name = "notification", value = NOTIFICATION_EXAMPLE)))
  @APIResponse(
      responseCode = "404",
      description = "No such notification of the caller",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = @ExampleObject(name = "unknown", value = NOT_FOUND_EXAMPLE)))
  @APIResponse(responseCode = "304", description = "The notification is still the one of that ETag")
  public NotificationView get(@PathParam("id") UUID id) {
    return NotificationView.of(inbox.get(caller.userId(), id));
  }

  @PUT
  @Path("/{id}/read")
  @Operation(
      operationId = "markNotificationRead",
      summary = "Mark a notification read",
      description = "Idempotent: marking it again keeps the time it was first read.")
  @APIResponse(responseCode = "204", description = "It is read")
  @APIResponse(
      responseCode = "404",
      description = "No such notification of the caller",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = @ExampleObject(name = "unknown", value = NOT_FOUND_EXAMPLE)))
  public Response markRead(@PathParam("id") UUID id) {
    inbox.markRead(caller.userId(), id);
    return Response.noContent().build();
  }

  @DELETE
  @Path("/{id}/read")
  @Operation(
      operationId = "markNotificationUnread",
      summary = "Mark a notification unread",
      description = "Idempotent.")
  @APIResponse(responseCode = "204", description = "It is unread")
  @APIResponse(
      responseCode = "404",
      description = "No such notification of the caller",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = @ExampleObject(name = "unknown", value = NOT_FOUND_EXAMPLE)))
  public Response markUnread(@PathParam("id") UUID id) {
    inbox.markUnread(caller.userId(), id);
    return Response.noContent().build();
  }
}
