package io.tollgate.notification;

import static io.restassured.RestAssured.given;
import static io.tollgate.notification.Seeds.DB;
import static io.tollgate.notification.Seeds.newSecret;
import static io.tollgate.notification.Seeds.pending;
import static io.tollgate.notification.Seeds.status;
import static io.tollgate.notification.Seeds.webhook;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.notification.WebhookReceiver.Answer;
import io.tollgate.notification.WebhookReceiver.Received;
import io.tollgate.notification.messaging.NotificationEvents;
import io.tollgate.notification.service.DeliveryDispatcher;
import io.tollgate.testing.EventCollector;
import io.tollgate.testing.JsonSchemas;
import io.tollgate.testing.ProducedEvents;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher against a real receiver: signed Standard Webhooks requests, retries with the same
 * webhook-id, the dead letter, 410 Gone, timeouts, inactive subscriptions and the claim lease.
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "notification"))
class WebhookDeliveryTest {

  static final String SCHEMA = "META-INF/resources/asyncapi/schemas/notification-event.v1.json";
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebhookReceiver receiver = WebhookReceiver.get();

  @Inject DeliveryDispatcher dispatcher;

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  /** Verifies as a Standard Webhooks receiver library does, from the secret alone. */
  static void assertSigned(Received r, String secret) throws Exception {
    String id = r.header("webhook-id");
    String timestamp = r.header("webhook-timestamp");
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
    byte[] signed =
        mac.doFinal(
            (id + "." + timestamp + "." + new String(r.body(), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
    assertEquals(
        "v1," + Base64.getEncoder().encodeToString(signed),
        r.header("webhook-signature"),
        "the signature of exactly the bytes received");
    long age = Instant.now().getEpochSecond() - Long.parseLong(timestamp);
    assertTrue(age >= 0 && age < 60, "webhook-timestamp is now, in Unix seconds: " + timestamp);
  }

  private static JsonNode detail(UUID subscription, UUID delivery) {
    return JSON.valueToTree(
        given()
            .get("/api/v1/subscriptions/{s}/deliveries/{d}", subscription, delivery)
            .then()
            .statusCode(200)
            .extract()
            .as(Map.class));
  }

  @Test
  void aDeliveryIsTheStoredEventSignedAsStandardWebhooksSaysAndLoggedOnce() throws Exception {
    String secret = newSecret();
    String url = receiver.endpoint(n -> 204);
    UUID sub = webhook("alice", url, secret, true);
    String event = Seeds.event(null);
    UUID delivery = Seeds.delivery(sub, event, null, "PENDING", Instant.now());

    await().atMost(WAIT).until(() -> "DELIVERED".equals(status(delivery)));
    List<Received> got = receiver.received(url);
    assertEquals(1, got.size());
    Received r = got.get(0);
    assertEquals(delivery.toString(), r.header("webhook-id"));
    assertEquals("application/cloudevents+json", r.header("content-type"));
    assertEquals("Tollgate-Webhooks/1", r.header("user-agent"));
    assertSigned(r, secret);
    JsonNode body = JSON.readTree(r.body());
    assertEquals(event, body.path("id").asText());
    assertEquals("tollgate.risk.assessed.v1", body.path("type").asText());
    assertEquals("Légacy CRM export ✓", body.path("data").path("title").asText());

    given()
        .get("/api/v1/subscriptions/{s}/deliveries/{d}", sub, delivery)
        .then()
        .statusCode(200)
        .body("status", equalTo("DELIVERED"))
        .body("attempts", equalTo(1))
        .body("eventId", equalTo(event))
        .body("eventType", equalTo("tollgate.risk.assessed.v1"))
        .body("lastStatusCode", equalTo(204))
        .body("lastError", nullValue())
        .body("nextAttemptAt", nullValue())
        .body("attemptLog.statusCode", contains(204))
        .body("attemptLog[0].error", nullValue());
    assertNotEquals(null, detail(sub, delivery).path("deliveredAt").textValue());
  }

  @Test
  void aFailureIsRetriedWithTheSameWebhookIdAndBothAttemptsAreLogged() throws Exception {
    String secret = newSecret();
    String url =
        receiver.endpointAnswering(
            n ->
                n == 1
                    ? new Answer(500, Duration.ZERO, "boom: " + "x".repeat(3000))
                    : new Answer(200, Duration.ZERO, "thanks"));
    UUID sub = webhook("alice", url, secret, true);
    UUID delivery = pending(sub, null);

    await().atMost(WAIT).until(() -> "DELIVERED".equals(status(delivery)));
    List<Received> got = receiver.received(url);
    assertEquals(2, got.size());
    assertEquals(delivery.toString(), got.get(0).header("webhook-id"));
    assertEquals(delivery.toString(), got.get(1).header("webhook-id"));
    assertSigned(got.get(0), secret);
    assertSigned(got.get(1), secret);

    JsonNode d = detail(sub, delivery);
    assertEquals(2, d.path("attempts").asInt());
    JsonNode log = d.path("attemptLog");
    assertEquals(2, log.size());
    assertEquals(500, log.get(0).path("statusCode").asInt());
    assertEquals("the receiver answered 500", log.get(0).path("error").asText());
    assertEquals(1000, log.get(0).path("response").asText().length(), "the answer is cut");
    assertEquals(200, log.get(1).path("statusCode").asInt());
    assertEquals("thanks", log.get(1).path("response").asText());
    assertTrue(log.get(1).path("error").isNull());
  }

  @Test
  void afterTheLastRetryTheDeliveryIsDeadAndOneDeadLetterIsPublished() throws Exception {
    try (EventCollector events = EventCollector.fromEnd(NotificationEvents.TOPIC)) {
      String project = DB.project("alice");
      UUID projectId = UUID.fromString(project);
      String url = receiver.endpoint(n -> 500);
      UUID sub = webhook("alice", url, newSecret(), true);
      String event = Seeds.event(projectId);
      UUID delivery = Seeds.delivery(sub, event, projectId, "PENDING", Instant.now());

      await().atMost(WAIT).until(() -> "DEAD".equals(status(delivery)));
      // test configuration: two retry delays, so three attempts
      assertEquals(3, receiver.received(url).size());
      ConsumerRecord<String, String> dead =
          events.awaitRecord(r -> ProducedEvents.about(r, delivery.toString()), WAIT);
      JsonNode data =
          ProducedEvents.checked(dead, SCHEMA, project, "deliveryId", delivery.toString());
      assertEquals(
          NotificationEvents.DELIVERY_DEAD_LETTERED,
          ProducedEvents.json(dead).path("type").asText());
      assertEquals("/notification-service", ProducedEvents.json(dead).path("source").asText());
      assertEquals(sub.toString(), data.path("subscriptionId").asText());
      assertEquals(event, data.path("eventId").asText());
      assertEquals("tollgate.risk.assessed.v1", data.path("eventType").asText());
      assertEquals(3, data.path("attempts").asInt());
      assertEquals(500, data.path("lastStatusCode").asInt());
      assertEquals("the receiver answered 500", data.path("lastError").asText());
      assertTrue(data.path("deadAt").isTextual());

      Thread.sleep(1000); // no further attempt, no second dead letter
      assertEquals(3, receiver.received(url).size());
      assertEquals(
          1,
          events.records().stream()
              .filter(r -> ProducedEvents.about(r, delivery.toString()))
              .count());
      given()
          .get("/api/v1/subscriptions/{s}/deliveries/{d}", sub, delivery)
          .then()
          .body("status", equalTo("DEAD"))
          .body("attempts", equalTo(3))
          .body("nextAttemptAt", nullValue())
          .body("attemptLog.size()", equalTo(3));
    }
  }

  @Test
  void aDeadLetterWithoutAProjectIsKeyedByItsSubscription() throws Exception {
    try (EventCollector events = EventCollector.fromEnd(NotificationEvents.TOPIC)) {
      UUID sub = webhook("alice", receiver.endpoint(n -> 503), newSecret(), true);
      UUID delivery = pending(sub, null);
      ConsumerRecord<String, String> dead =
          events.awaitRecord(r -> ProducedEvents.about(r, delivery.toString()), WAIT);
      JsonSchemas.assertConforms(SCHEMA, dead.value());
      assertEquals(sub.toString(), dead.key());
      assertTrue(ProducedEvents.json(dead).path("data").path("projectId").isNull());
    }
  }

  @Test
  void noAnswerWithinTheTimeoutIsAFailedAttempt() throws Exception {
    String url =
        receiver.endpointAnswering(
            n ->
                n == 1
                    ? new Answer(200, Duration.ofMillis(5000), "late")
                    : new Answer(200, Duration.ZERO, "ok"));
    UUID sub = webhook("alice", url, newSecret(), true);
    UUID delivery = pending(sub, null);

    await().atMost(WAIT).until(() -> "DELIVERED".equals(status(delivery)));
    JsonNode log = detail(sub, delivery).path("attemptLog");
    assertEquals(2, log.size());
    assertTrue(log.get(0).path("statusCode").isNull());
    assertEquals("no answer within 1s", log.get(0).path("error").asText());
    int took = log.get(0).path("durationMs").asInt();
    // the late answer comes after 5 s: well before it, even on a busy machine
    assertTrue(took >= 900 && took < 4500, "cut at the timeout: " + took);
  }

  @Test
  void aRedirectIsNotFollowed() throws Exception {
    String target = receiver.endpoint(n -> 200);
    String url = receiver.endpointAnswering(n -> new Answer(307, Duration.ZERO, null));
    UUID sub = webhook("alice", url, newSecret(), true);
    UUID delivery = pending(sub, null);
    await().atMost(WAIT).until(() -> "DEAD".equals(status(delivery)));
    assertEquals(0, receiver.received(target).size());
    JsonNode d = detail(sub, delivery);
    assertEquals(307, d.path("lastStatusCode").asInt());
    assertTrue(
        d.path("lastError").asText().startsWith("redirect (307) not followed"), d.toString());
  }

  @Test
  void goneDeactivatesTheSubscriptionAndKillsTheDeliveryAtOnce() throws Exception {
    try (EventCollector events = EventCollector.fromEnd(NotificationEvents.TOPIC)) {
      String url = receiver.endpoint(n -> 410);
      UUID sub = webhook("alice", url, newSecret(), true);
      UUID delivery = pending(sub, null);

      await().atMost(WAIT).until(() -> "DEAD".equals(status(delivery)));
      assertEquals(
          "f", DB.query("select active::text from subscription where id = ?", sub).substring(0, 1));
      assertEquals("1", DB.query("select version from subscription where id = ?", sub));
      JsonNode d = detail(sub, delivery);
      assertEquals(1, d.path("attempts").asInt());
      assertEquals(410, d.path("lastStatusCode").asInt());
      assertTrue(d.path("lastError").asText().contains("subscription deactivated"), d.toString());
      events.awaitRecord(r -> ProducedEvents.about(r, delivery.toString()), WAIT);

      // the subscription's other deliveries wait, unsent
      UUID next = pending(sub, null);
      Thread.sleep(800);
      assertEquals(1, receiver.received(url).size());
      assertEquals("PENDING", status(next));
    }
  }

  @Test
  void anInactiveSubscriptionsDeliveriesWaitUntilItIsActiveAgain() throws Exception {
    String url = receiver.endpoint(n -> 200);
    UUID sub = webhook("alice", url, newSecret(), false);
    UUID delivery = pending(sub, null);
    // due after it: once this one is delivered, the dispatcher has passed the inactive one by
    String otherUrl = receiver.endpoint(n -> 200);
    UUID later = pending(webhook("alice", otherUrl, newSecret(), true), null);
    await().atMost(WAIT).until(() -> "DELIVERED".equals(status(later)));
    Thread.sleep(300); // and a few rounds more
    assertEquals(0, receiver.received(url).size());
    assertEquals("PENDING", status(delivery));
    assertEquals("0", DB.query("select attempts from delivery where id = ?", delivery));

    DB.update("update subscription set active = true where id = ?", sub);
    await().atMost(WAIT).until(() -> "DELIVERED".equals(status(delivery)));
    assertEquals(1, receiver.received(url).size());
  }

  @Test
  void aDeletedSubscriptionsDeliveriesGoWithIt() throws Exception {
    String url = receiver.endpointAnswering(n -> new Answer(500, Duration.ofMillis(300), null));
    UUID sub = webhook("alice", url, newSecret(), true);
    UUID delivery = pending(sub, null);
    await().atMost(WAIT).until(() -> !receiver.received(url).isEmpty());
    DB.update("delete from subscription where id = ?", sub);
    Thread.sleep(1000);
    assertNull(status(delivery));
    assertEquals(
        "0", DB.query("select count(*) from delivery_attempt where delivery_id = ?", delivery));
    assertEquals(1, receiver.received(url).size());
  }

  @Test
  void concurrentRoundsNeverSendOneDeliveryTwice() throws Exception {
    String url = receiver.endpointAnswering(n -> new Answer(200, Duration.ofMillis(150), "ok"));
    UUID sub = webhook("alice", url, newSecret(), false);
    List<UUID> deliveries = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      deliveries.add(pending(sub, null));
    }
    DB.update("update subscription set active = true where id = ?", sub);
    // the scheduled dispatcher and four more rounds at once, as replicas would run them
    ExecutorService rounds = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        done.add(rounds.submit(dispatcher::dispatchDue));
      }
      for (Future<Integer> f : done) {
        f.get();
      }
    } finally {
      rounds.shutdown();
    }
    await()
        .atMost(WAIT)
        .until(
            () ->
                deliveries.stream()
                    .allMatch(
                        d -> {
                          try {
                            return "DELIVERED".equals(status(d));
                          } catch (Exception e) {
                            throw new IllegalStateException(e);
                          }
                        }));
    Map<String, Integer> sent = new HashMap<>();
    receiver.received(url).forEach(r -> sent.merge(r.header("webhook-id"), 1, Integer::sum));
    assertEquals(30, sent.size());
    sent.forEach((id, times) -> assertEquals(1, times, id + " was sent " + times + " times"));
  }
}
