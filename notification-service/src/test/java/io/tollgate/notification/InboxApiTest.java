package io.tollgate.notification;

import static io.tollgate.notification.FanOutTest.awaitNotification;
import static io.tollgate.notification.FanOutTest.db;
import static io.tollgate.notification.FanOutTest.id;
import static io.tollgate.notification.FanOutTest.risk;
import static io.tollgate.notification.FanOutTest.subscriptions;
import static io.tollgate.testing.TestTokens.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The caller's inbox over HTTP: list, read state, unread count and the live stream. */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(SmtpReceiver.class)
class InboxApiTest {

  private static final String PATH = "/api/v1/notifications";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestHTTPResource("/api/v1/notifications/stream")
  URI stream;

  /** A reader with an INBOX subscription to a new project and its first three notifications. */
  record Reader(String user, String project, List<String> events) {}

  private static Reader reader() {
    String user = "reader-" + id();
    String project = db.project(user);
    subscriptions.of(user, project).save();
    List<String> events = new ArrayList<>();
    for (String level : List.of("LOW", "HIGH", "CRITICAL")) {
      String eventId = risk(project, level);
      awaitNotification(user, eventId);
      events.add(eventId);
    }
    return new Reader(user, project, events);
  }

  private static Response list(String user, String query) {
    return as(user, "MEMBER").get(PATH + query);
  }

  @Test
  void theCallerSeesOnlyTheirOwnNotificationsNewestFirst() {
    Reader r = reader();
    Response page = list(r.user(), "");
    page.then()
        .statusCode(200)
        .body("items", hasSize(3))
        .body("totalItems", equalTo(3))
        .body("items[0].eventId", equalTo(r.events().get(2)))
        .body("items[1].eventId", equalTo(r.events().get(1)))
        .body("items[2].eventId", equalTo(r.events().get(0)))
        .body("items[0].severity", equalTo("CRITICAL"))
        .body("items[0].title", equalTo("Risk 'Vendor delay' on Plan is now CRITICAL"))
        .body("items[0].projectId", equalTo(r.project()))
        .body("items[0].read", equalTo(false))
        .body("items[0].readAt", nullValue());
    String id = page.path("items[0].id");
    as(r.user(), "MEMBER")
        .get(PATH + "/" + id)
        .then()
        .statusCode(200)
        .body("id", equalTo(id))
        .body("eventType", equalTo("tollgate.risk.assessed.v1"));
    // someone else's is not there, for them
    as("mallory", "MEMBER").get(PATH + "/" + id).then().statusCode(404);
    as("mallory", "MEMBER").put(PATH + "/" + id + "/read").then().statusCode(404);
    as("mallory", "ADMIN").delete(PATH + "/" + id + "/read").then().statusCode(404);
    list("mallory", "").then().statusCode(200).body("items", hasSize(0));
    as(r.user(), "MEMBER").get(PATH + "/" + id()).then().statusCode(404);
  }

  @Test
  void filtersByReadStateSeverityAndProjectWithoutRevealingOtherProjects() {
    Reader r = reader();
    list(r.user(), "?severity=CRITICAL&severity=WARNING")
        .then()
        .statusCode(200)
        .body("items.eventId", equalTo(List.of(r.events().get(2), r.events().get(1))));
    list(r.user(), "?projectId=" + r.project()).then().statusCode(200).body("items", hasSize(3));
    list(r.user(), "?unread=false").then().statusCode(200).body("items", hasSize(0));
    list(r.user(), "?unread=true&size=2")
        .then()
        .statusCode(200)
        .body("items", hasSize(2))
        .body("totalPages", equalTo(2));
    // a project the caller may not read: 404, as on every project path, not an empty page
    String other = db.project("someone-else");
    list(r.user(), "?projectId=" + other).then().statusCode(404);
    list(r.user(), "?unread=maybe&severity=LOUD&projectId=x")
        .then()
        .statusCode(400)
        .body("violations.field", equalTo(List.of("projectId", "severity", "unread")));
  }

  @Test
  void readStateAndTheUnreadCountWithItsEtag() {
    Reader r = reader();
    Response count = as(r.user(), "MEMBER").get(PATH + "/unread-count");
    count.then().statusCode(200).body("unread", equalTo(3));
    String etag = count.header("ETag");
    assertNotNull(etag);
    as(r.user(), "MEMBER")
        .header("If-None-Match", etag)
        .get(PATH + "/unread-count")
        .then()
        .statusCode(304);

    String id = list(r.user(), "").path("items[1].id");
    // one notification carries its ETag too, and answers 304 until it changes
    Response unread = as(r.user(), "MEMBER").get(PATH + "/" + id);
    unread.then().statusCode(200).body("read", equalTo(false));
    String unreadTag = unread.header("ETag");
    assertNotNull(unreadTag);
    as(r.user(), "MEMBER")
        .header("If-None-Match", unreadTag)
        .get(PATH + "/" + id)
        .then()
        .statusCode(304);
    as(r.user(), "MEMBER").put(PATH + "/" + id + "/read").then().statusCode(204);
    Response read = as(r.user(), "MEMBER").header("If-None-Match", unreadTag).get(PATH + "/" + id);
    read.then().statusCode(200).body("read", equalTo(true));
    assertNotEquals(unreadTag, read.header("ETag"));
    String readAt = as(r.user(), "MEMBER").get(PATH + "/" + id).path("readAt");
    assertNotNull(readAt);
    // idempotent: the first read time stays
    as(r.user(), "MEMBER").put(PATH + "/" + id + "/read").then().statusCode(204);
    as(r.user(), "MEMBER")
        .get(PATH + "/" + id)
        .then()
        .body("read", equalTo(true))
        .body("readAt", equalTo(readAt));
    Response after =
        as(r.user(), "MEMBER").header("If-None-Match", etag).get(PATH + "/unread-count");
    after.then().statusCode(200).body("unread", equalTo(2));
    assertNotEquals(etag, after.header("ETag"));
    list(r.user(), "?unread=false").then().body("items.id", equalTo(List.of(id)));

    as(r.user(), "MEMBER").delete(PATH + "/" + id + "/read").then().statusCode(204);
    as(r.user(), "MEMBER").delete(PATH + "/" + id + "/read").then().statusCode(204);
    as(r.user(), "MEMBER")
        .get(PATH + "/" + id)
        .then()
        .body("read", equalTo(false))
        .body("readAt", nullValue());
    as(r.user(), "MEMBER").get(PATH + "/unread-count").then().body("unread", equalTo(3));
  }

  @Test
  void markAllReadUpToATimeOrNow() throws Exception {
    Reader r = reader();
    Reader other = reader();
    List<String> createdAt = list(r.user(), "").path("items.createdAt");
    // up to the second oldest: the two oldest
    as(r.user(), "MEMBER")
        .contentType("application/json")
        .body("{\"before\":\"" + createdAt.get(1) + "\"}")
        .post(PATH + "/read")
        .then()
        .statusCode(200)
        .body("marked", equalTo(2));
    list(r.user(), "?unread=true")
        .then()
        .body("items.eventId", equalTo(List.of(r.events().get(2))));
    // no body (and so no content type): everything up to now
    HttpResponse<String> noBody =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(stream.resolve("/api/v1/notifications/read"))
                    .header("Authorization", TestTokens.bearer(r.user(), "MEMBER"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, noBody.statusCode(), noBody.body());
    assertEquals(1, JSON.readTree(noBody.body()).path("marked").asInt());
    as(r.user(), "MEMBER")
        .contentType("application/json")
        .body("{}")
        .post(PATH + "/read")
        .then()
        .statusCode(200)
        .body("marked", equalTo(0));
    as(r.user(), "MEMBER").get(PATH + "/unread-count").then().body("unread", equalTo(0));
    // nobody else's
    as(other.user(), "MEMBER").get(PATH + "/unread-count").then().body("unread", equalTo(3));
    as(r.user(), "MEMBER")
        .contentType("application/json")
        .body("{\"before\":\"yesterday\"}")
        .post(PATH + "/read")
        .then()
        .statusCode(400);
  }

  /** The lines of a Server-Sent Events stream, read on a thread of the HTTP client. */
  private static final class Lines implements AutoCloseable {
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final CompletableFuture<HttpResponse<Stream<String>>> response;

    Lines(URI uri, String user, String lastEventId) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri)
              .header("Authorization", TestTokens.bearer(user, "MEMBER"))
              .header("Accept", "text/event-stream");
      if (lastEventId != null) {
        request.header("Last-Event-ID", lastEventId);
      }
      response =
          HttpClient.newHttpClient()
              .sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
              .thenApply(
                  r -> {
                    CompletableFuture.runAsync(() -> r.body().forEach(lines::add));
                    return r;
                  });
    }

    /** The next event's fields (id, event, data), skipping comments. */
    List<String> nextEvent() throws Exception {
      List<String> fields = new ArrayList<>();
      while (true) {
        String line = lines.poll(30, TimeUnit.SECONDS);
        assertNotNull(line, "no event in 30 s; got " + fields);
        if (line.isEmpty()) {
          if (!fields.isEmpty()) {
            return fields;
          }
        } else if (!line.startsWith(":")) {
          fields.add(line);
        }
      }
    }

    @Override
    public void close() {
      response.thenAccept(r -> r.body().close());
      response.cancel(true);
    }
  }

  private static String field(List<String> fields, String name) {
    return fields.stream()
        .filter(f -> f.startsWith(name + ":"))
        .map(f -> f.substring(name.length() + 1).strip())
        .findFirst()
        .orElse(null);
  }

  @Test
  void theStreamSendsNewNotificationsLiveAndCatchesUpAfterLastEventId() throws Exception {
    Reader r = reader();
    String first = list(r.user(), "").path("items[2].id");
    try (Lines live = new Lines(stream, r.user(), null)) {
      assertEquals(200, live.response.get(30, TimeUnit.SECONDS).statusCode());
      assertTrue(
          live.response
              .get()
              .headers()
              .firstValue("Content-Type")
              .orElse("")
              .startsWith("text/event-stream"));
      String eventId = risk(r.project(), "HIGH");
      List<String> event = live.nextEvent();
      String id = field(event, "id");
      assertEquals("notification", field(event, "event"));
      JsonNode data = JSON.readTree(field(event, "data"));
      assertEquals(eventId, data.path("eventId").asText());
      // the same JSON as GET /{id}
      assertEquals(JSON.readTree(as(r.user(), "MEMBER").get(PATH + "/" + id).asString()), data);
    }
    // reconnecting after the first: the three that came after it, oldest first
    try (Lines again = new Lines(stream, r.user(), first)) {
      List<String> caughtUp = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        caughtUp.add(JSON.readTree(field(again.nextEvent(), "data")).path("eventId").asText());
      }
      List<String> expected = new ArrayList<>(r.events().subList(1, 3));
      expected.add(list(r.user(), "").path("items[0].eventId"));
      assertEquals(expected, caughtUp);
    }
    // nobody else's notifications on someone's stream
    try (Lines other = new Lines(stream, "mallory-" + id(), null)) {
      assertEquals(200, other.response.get(30, TimeUnit.SECONDS).statusCode());
      String mine = risk(r.project(), "LOW");
      awaitNotification(r.user(), mine);
      Thread.sleep(1_500);
      assertTrue(other.lines.stream().noneMatch(l -> l.startsWith("data:")), "" + other.lines);
    }
  }
}
