package io.tollgate.notification;

import static io.tollgate.testing.OpenApiOperations.assertDocumented;
import static io.tollgate.testing.OpenApiOperations.assertExamples;
import static io.tollgate.testing.OpenApiOperations.assertIfMatchRequired;
import static io.tollgate.testing.OpenApiOperations.assertProblem;
import static io.tollgate.testing.OpenApiOperations.byName;
import static io.tollgate.testing.OpenApiOperations.document;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keeps the subscriptions API's OpenAPI document true to the code. */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "notification"))
class SubscriptionDocumentationTest {

  /** operationId: method and path of the subscription operations (ADR 0025). */
  static final Map<String, String> OPERATIONS =
      Map.of(
          "createSubscription", "POST /api/v1/subscriptions",
          "listSubscriptions", "GET /api/v1/subscriptions",
          "listSubscriptionEventTypes", "GET /api/v1/subscriptions/event-types",
          "getSubscription", "GET /api/v1/subscriptions/{id}",
          "updateSubscription", "PATCH /api/v1/subscriptions/{id}",
          "deleteSubscription", "DELETE /api/v1/subscriptions/{id}",
          "rotateSubscriptionSecret", "POST /api/v1/subscriptions/{id}/secret");

  /** operationId: method and path of the inbox operations (ADR 0026). */
  static final Map<String, String> INBOX =
      Map.of(
          "listNotifications", "GET /api/v1/notifications",
          "countUnreadNotifications", "GET /api/v1/notifications/unread-count",
          "streamNotifications", "GET /api/v1/notifications/stream",
          "markAllNotificationsRead", "POST /api/v1/notifications/read",
          "getNotification", "GET /api/v1/notifications/{id}",
          "markNotificationRead", "PUT /api/v1/notifications/{id}/read",
          "markNotificationUnread", "DELETE /api/v1/notifications/{id}/read");

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  @Test
  void everySubscriptionOperationIsDocumentedWithItsIdAndItsRefusals() {
    Map<String, JsonNode> operations = byName(document());
    OPERATIONS.forEach(
        (id, name) -> {
          JsonNode op = assertDocumented(operations, id, name);
          assertProblem(op, "400", name);
          assertProblem(op, "401", name);
          if (name.contains("{id}")) {
            assertProblem(op, "404", name);
          }
          boolean changesOne = name.contains("{id}") && !name.startsWith("GET");
          if (changesOne) {
            assertProblem(op, "403", name);
            assertProblem(op, "409", name);
            assertProblem(op, "412", name);
            assertProblem(op, "428", name);
            assertIfMatchRequired(op, name);
          }
        });
    JsonNode create = operations.get("POST /api/v1/subscriptions");
    for (String status : new String[] {"403", "404", "409", "422"}) {
      assertProblem(create, status, "createSubscription");
    }
    assertTrue(
        operations.get("GET /api/v1/subscriptions/{id}").path("responses").has("304"),
        "getSubscription documents its 304");
  }

  @Test
  void theSecretIsDocumentedAsShownOnlyOnCreationAndRotation() {
    JsonNode document = document();
    JsonNode schemas = document.path("components").path("schemas");
    assertFalse(
        schemas.path("Subscription").path("properties").has("secret"),
        "a subscription as read has no secret");
    JsonNode secret = schemas.path("SubscriptionSecret").path("properties").path("secret");
    assertTrue(secret.path("readOnly").asBoolean(), "secret is read-only");
    assertTrue(secret.path("description").asText().contains("never shown again"));
    Map<String, JsonNode> operations = byName(document);
    for (String name :
        new String[] {
          "GET /api/v1/subscriptions/{id}",
          "GET /api/v1/subscriptions",
          "PATCH /api/v1/subscriptions/{id}"
        }) {
      assertFalse(
          operations.get(name).path("responses").path("200").toString().contains("whsec_"),
          name + " shows no secret in its example");
    }
    for (String name :
        new String[] {"POST /api/v1/subscriptions", "POST /api/v1/subscriptions/{id}/secret"}) {
      assertTrue(
          operations
              .get(name)
              .path("responses")
              .toString()
              .contains("#/components/schemas/SubscriptionWithSecret"),
          name + " answers the secret");
    }
  }

  @Test
  void theSubscriptionBodiesHaveExamplesThatMatchTheirSchemas() {
    assertExamples(
        document(),
        OPERATIONS.values(),
        "Subscription|SubscriptionWithSecret|SubscriptionSecret|SubscriptionCreate|SubscriptionPatch"
            + "|SubscriptionPage|EventType");
  }

  @Test
  void everyInboxOperationIsDocumentedWithItsIdAndItsRefusals() {
    JsonNode document = document();
    Map<String, JsonNode> operations = byName(document);
    INBOX.forEach(
        (id, name) -> {
          JsonNode op = assertDocumented(operations, id, name);
          assertProblem(op, "401", name);
          if (name.contains("{id}")) {
            assertProblem(op, "404", name);
          }
        });
    assertProblem(operations.get("GET /api/v1/notifications"), "400", "listNotifications");
    assertProblem(operations.get("POST /api/v1/notifications/read"), "400", "markAllRead");
    // the single reads carry a content ETag and say so
    for (String read :
        List.of(
            "GET /api/v1/notifications/{id}",
            "GET /api/v1/notifications/unread-count",
            "GET /api/v1/subscriptions/{id}/deliveries/{deliveryId}")) {
      assertTrue(operations.get(read).path("responses").has("304"), read + " documents its 304");
    }
    // the body of mark-all-read may be left out ("before" is then now), and has an example
    JsonNode body = operations.get("POST /api/v1/notifications/read").path("requestBody");
    assertFalse(body.path("required").asBoolean(false), "markAllNotificationsRead body optional");
    assertTrue(
        body.path("content").path("application/json").has("examples"),
        "markAllNotificationsRead body has an example");
    assertExamples(
        document,
        List.of("POST /api/v1/notifications/read", "GET /api/v1/notifications/{id}"),
        "MarkReadRequest|Notification|NotificationPage");
  }
}
