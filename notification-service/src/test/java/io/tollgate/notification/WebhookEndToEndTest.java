package io.tollgate.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole way of a webhook: a subscription made through the API, a risk-service event on the real
 * broker, and the receiver getting that event, signed with the secret the API answered once.
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "notification"))
class WebhookEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebhookReceiver receiver = WebhookReceiver.get();

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  @Test
  void aRiskEventOnKafkaReachesTheSubscribedReceiverSigned() throws Exception {
    String project = Seeds.DB.project("alice");
    String url = receiver.endpoint(n -> 200);
    String body =
        """
        {"name":"CRM risks to on-call","projectId":"%s","channel":"WEBHOOK","url":"%s",\
        "eventTypes":["tollgate.risk.*"],"minSeverity":"WARNING"}"""
            .formatted(project, url);
    var created =
        given()
            .contentType(ContentType.JSON)
            .body(body)
            .post("/api/v1/subscriptions")
            .then()
            .statusCode(201)
            .extract();
    String subscription = created.path("id");
    String secret = created.path("secret");

    String eventId = UUID.randomUUID().toString();
    String event =
        Events.risk(
            eventId,
            "tollgate.risk.assessed.v1",
            project,
            UUID.randomUUID(),
            "Legacy CRM export is incomplete",
            "CRITICAL");
    // one below the minimum severity reaches nobody
    String quietId = UUID.randomUUID().toString();
    Events.send(
        "risk.events",
        project,
        Events.risk(
            quietId, "tollgate.risk.assessed.v1", project, UUID.randomUUID(), "Minor", "LOW"));
    Events.send("risk.events", project, event);

    await().atMost(WAIT).until(() -> !receiver.received(url).isEmpty());
    List<WebhookReceiver.Received> got = receiver.received(url);
    assertEquals(1, got.size());
    WebhookDeliveryTest.assertSigned(got.get(0), secret);
    assertEquals(JSON.readTree(event), JSON.readTree(got.get(0).body()));
    String delivery = got.get(0).header("webhook-id");
    await().atMost(WAIT).until(() -> "DELIVERED".equals(Seeds.status(UUID.fromString(delivery))));
    given()
        .get("/api/v1/subscriptions/{s}/deliveries", subscription)
        .then()
        .statusCode(200)
        .body("totalItems", equalTo(1))
        .body("items[0].id", equalTo(delivery))
        .body("items[0].eventId", equalTo(eventId))
        .body("items[0].status", equalTo("DELIVERED"));
  }
}
