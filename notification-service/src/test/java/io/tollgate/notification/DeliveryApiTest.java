package io.tollgate.notification;

import static io.restassured.RestAssured.given;
import static io.tollgate.notification.Seeds.DB;
import static io.tollgate.notification.Seeds.newSecret;
import static io.tollgate.notification.Seeds.status;
import static io.tollgate.notification.Seeds.webhook;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tollgate.testing.OpenApiOperations;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The delivery log, redelivery and replay, as the subscription's owner and others see them. */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "notification"))
class DeliveryApiTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String PROBLEM = "application/problem+json";

  private final WebhookReceiver receiver = WebhookReceiver.get();

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  private static String path(UUID sub, String rest) {
    return "/api/v1/subscriptions/" + sub + rest;
  }

  @Test
  void theLogListsNewestFirstFiltersByStatusAndPages() throws Exception {
    UUID sub = webhook("alice", receiver.endpoint(n -> 200), newSecret(), false);
    Instant now = Instant.now();
    UUID oldest =
        Seeds.delivery(sub, Seeds.event(null), null, "DELIVERED", now.minus(3, ChronoUnit.HOURS));
    UUID middle =
        Seeds.delivery(sub, Seeds.event(null), null, "PENDING", now.minus(2, ChronoUnit.HOURS));
    UUID newest =
        Seeds.delivery(sub, Seeds.event(null), null, "DEAD", now.minus(1, ChronoUnit.HOURS));

    given()
        .get(path(sub, "/deliveries"))
        .then()
        .statusCode(200)
        .body("items.id", contains(newest.toString(), middle.toString(), oldest.toString()))
        .body("items[0].status", equalTo("DEAD"))
        .body("items[0].eventType", equalTo("tollgate.risk.assessed.v1"))
        .body("totalItems", equalTo(3));
    given()
        .queryParam("status", "DEAD")
        .queryParam("status", "delivered")
        .get(path(sub, "/deliveries"))
        .then()
        .statusCode(200)
        .body("items.id", contains(newest.toString(), oldest.toString()));
    List<String> links =
        given()
            .queryParam("size", 1)
            .queryParam("page", 1)
            .get(path(sub, "/deliveries"))
            .then()
            .statusCode(200)
            .body("items.id", contains(middle.toString()))
            .body("totalPages", equalTo(3))
            .extract()
            .headers()
            .getValues("Link");
    assertTrue(links.stream().anyMatch(l -> l.contains("page=2") && l.contains("rel=\"next\"")));
    given()
        .queryParam("status", "LOST")
        .queryParam("size", 500)
        .get(path(sub, "/deliveries"))
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations.field", contains("size", "status"));
  }

  @Test
  void onlyTheOwnerAndAdminSeeOrTouchTheDeliveries() throws Exception {
    UUID sub = webhook("alice", receiver.endpoint(n -> 200), newSecret(), false);
    UUID delivery = Seeds.delivery(sub, Seeds.event(null), null, "DEAD", Instant.now());
    for (String request :
        List.of(
            "GET /deliveries",
            "GET /deliveries/" + delivery,
            "POST /deliveries/" + delivery + "/redelivery",
            "POST /replay")) {
      String[] parts = request.split(" ");
      var spec =
          given()
              .auth()
              .oauth2(TestTokens.token("bob", "PMO"))
              .contentType(ContentType.JSON)
              .body("{\"since\":\"2026-01-01T00:00:00Z\"}");
      spec.request(parts[0], path(sub, parts[1]))
          .then()
          .statusCode(404)
          .contentType(PROBLEM)
          .body("detail", equalTo("subscription " + sub + " does not exist"));
    }
    given()
        .auth()
        .oauth2(TestTokens.token("root", "ADMIN"))
        .get(path(sub, "/deliveries/" + delivery))
        .then()
        .statusCode(200)
        .body("id", equalTo(delivery.toString()));
    // a delivery of another subscription is not found under this one
    UUID other = webhook("alice", receiver.endpoint(n -> 200), newSecret(), false);
    given().get(path(other, "/deliveries/" + delivery)).then().statusCode(404);
    given().get(path(UUID.randomUUID(), "/deliveries")).then().statusCode(404);
    assertEquals("DEAD", status(delivery));
  }

  @Test
  void aRedeliveryStartsANewRoundWithTheSameWebhookId() throws Exception {
    String url = receiver.endpoint(n -> n == 1 ? 410 : 200);
    UUID sub = webhook("alice", url, newSecret(), true);
    UUID delivery = Seeds.pending(sub, null);
    await().atMost(WAIT).until(() -> "DEAD".equals(status(delivery)));
    // the delivery's read carries an ETag and answers 304 until the delivery changes
    io.restassured.response.Response dead = given().get(path(sub, "/deliveries/" + delivery));
    dead.then().statusCode(200).body("status", equalTo("DEAD"));
    String deadTag = dead.header("ETag");
    assertNotNull(deadTag);
    given()
        .header("If-None-Match", deadTag)
        .get(path(sub, "/deliveries/" + delivery))
        .then()
        .statusCode(304);

    // the 410 deactivated the subscription: the redelivery waits for it
    given()
        .post(path(sub, "/deliveries/" + delivery + "/redelivery"))
        .then()
        .statusCode(202)
        .body("status", equalTo("PENDING"))
        .body("attempts", equalTo(0))
        .body("id", equalTo(delivery.toString()));
    given()
        .post(path(sub, "/deliveries/" + delivery + "/redelivery"))
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("detail", containsString("PENDING already"));
    given()
        .header("If-None-Match", deadTag)
        .get(path(sub, "/deliveries/" + delivery))
        .then()
        .statusCode(200)
        .body("status", equalTo("PENDING"));
    DB.update("update subscription set active = true where id = ?", sub);
    await().atMost(WAIT).until(() -> "DELIVERED".equals(status(delivery)));
    List<WebhookReceiver.Received> got = receiver.received(url);
    assertEquals(2, got.size());
    assertEquals(got.get(0).header("webhook-id"), got.get(1).header("webhook-id"));
    given()
        .get(path(sub, "/deliveries/" + delivery))
        .then()
        .body("attempts", equalTo(1))
        .body("attemptLog.statusCode", contains(410, 200));
  }

  @Test
  void aReplaySendsEveryDeliverySinceAgain() throws Exception {
    String url = receiver.endpoint(n -> 200);
    UUID sub = webhook("alice", url, newSecret(), true);
    Instant now = Instant.now();
    UUID before =
        Seeds.delivery(sub, Seeds.event(null), null, "DELIVERED", now.minus(2, ChronoUnit.HOURS));
    UUID delivered =
        Seeds.delivery(
            sub, Seeds.event(null), null, "DELIVERED", now.minus(30, ChronoUnit.MINUTES));
    UUID dead =
        Seeds.delivery(sub, Seeds.event(null), null, "DEAD", now.minus(20, ChronoUnit.MINUTES));

    given()
        .contentType(ContentType.JSON)
        .body("{\"since\":\"" + now.minus(1, ChronoUnit.HOURS) + "\"}")
        .post(path(sub, "/replay"))
        .then()
        .statusCode(202)
        .body("queued", equalTo(2));
    await()
        .atMost(WAIT)
        .until(() -> "DELIVERED".equals(status(dead)) && receiver.received(url).size() == 2);
    Set<String> sent =
        receiver.received(url).stream()
            .map(r -> r.header("webhook-id"))
            .collect(Collectors.toSet());
    assertEquals(Set.of(delivered.toString(), dead.toString()), sent);
    assertEquals("DELIVERED", status(before));
    assertEquals(
        "0", DB.query("select count(*) from delivery_attempt where delivery_id = ?", before));
  }

  @Test
  void aReplayNeedsAPastSince() throws Exception {
    UUID sub = webhook("alice", receiver.endpoint(n -> 200), newSecret(), false);
    for (String body :
        List.of(
            "{}",
            "{\"since\":null}",
            "{\"since\":\"yesterday\"}",
            "{\"since\":\"" + Instant.now().plus(1, ChronoUnit.HOURS) + "\"}")) {
      given()
          .contentType(ContentType.JSON)
          .body(body)
          .post(path(sub, "/replay"))
          .then()
          .statusCode(400)
          .contentType(PROBLEM)
          .body("violations[0].field", equalTo("since"));
    }
    given().contentType(ContentType.JSON).post(path(sub, "/replay")).then().statusCode(400);
  }

  @Test
  void theOperationsAreDocumentedWithTheirRefusals() {
    Map<String, JsonNode> operations = OpenApiOperations.byName(OpenApiOperations.document());
    Map<String, String> expected =
        Map.of(
            "listSubscriptionDeliveries", "GET /api/v1/subscriptions/{id}/deliveries",
            "getSubscriptionDelivery", "GET /api/v1/subscriptions/{id}/deliveries/{deliveryId}",
            "redeliverSubscriptionDelivery",
                "POST /api/v1/subscriptions/{id}/deliveries/{deliveryId}/redelivery",
            "replaySubscriptionDeliveries", "POST /api/v1/subscriptions/{id}/replay");
    expected.forEach(
        (id, name) -> {
          JsonNode op = OpenApiOperations.assertDocumented(operations, id, name);
          OpenApiOperations.assertProblem(op, "404", name);
        });
    OpenApiOperations.assertExamples(
        OpenApiOperations.document(),
        expected.values(),
        "Delivery|DeliveryPage|DeliveryDetail|DeliveryAttempt|Replay|ReplayRequest");
    OpenApiOperations.assertProblem(
        operations.get("POST /api/v1/subscriptions/{id}/deliveries/{deliveryId}/redelivery"),
        "409",
        "redelivery");
    OpenApiOperations.assertProblem(
        operations.get("POST /api/v1/subscriptions/{id}/replay"), "400", "replay");
    String asyncapi =
        given().get("/asyncapi/asyncapi.yaml").then().statusCode(200).extract().asString();
    assertTrue(asyncapi.contains("name: tollgate.notification.delivery-dead-lettered.v1"));
    given().get("/asyncapi/schemas/notification-event.v1.json").then().statusCode(200);
  }
}
