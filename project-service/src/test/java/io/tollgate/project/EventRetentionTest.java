package io.tollgate.project;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The inbox forgets the events it processed after {@code tollgate.retention.inbox} (14 days), and
 * the service forgets Idempotency-Keys after {@code tollgate.idempotency.retention} (24 hours),
 * each on a timer of its own, a batch at a time; the timers run every second here instead of every
 * ten minutes. (The outbox needs no retention: the relay deletes what it publishes, see {@link
 * ProjectEventsTest}.)
 */
@QuarkusTest
@TestProfile(EventRetentionTest.FastRetention.class)
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "project"))
class EventRetentionTest {

  public static class FastRetention implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "tollgate.retention.interval", "1s",
          "tollgate.retention.batch-size", "2",
          "tollgate.idempotency.purge-interval", "1s");
    }
  }

  @Inject EntityManager em;

  /**
   * The records are this run's own (a run on a database an earlier run used meets the recent record
   * that one kept), and only they are looked at.
   */
  @Test
  void processedRecordsPastTheirRetentionAreDeletedRecentOnesAreKept() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    String run = "retention-" + UUID.randomUUID() + "-";
    List<String> ids = List.of(run + "old-1", run + "old-2", run + "old-3", run + "recent");
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              inbox(ids.get(0), now.minusDays(15));
              inbox(ids.get(1), now.minusDays(20));
              inbox(ids.get(2), now.minusDays(30));
              inbox(ids.get(3), now.minusDays(13));
            });

    // more old records than a batch holds (2 here): the purge goes on past its first batch
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> inboxIds(ids).size() == 1);
    assertThat(inboxIds(ids), containsInAnyOrder(run + "recent"));
  }

  /**
   * A key older than its retention is forgotten: sent again, even with another body, it creates.
   */
  @Test
  void idempotencyKeysPastTheirRetentionAreForgottenRecentOnesAreKept() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
    String old = UUID.randomUUID().toString();
    String recent = UUID.randomUUID().toString();
    String suffix = Long.toString(System.nanoTime() % 1_000_000, 36).toUpperCase();
    create(old, "OLD" + suffix).then().statusCode(201);
    create(recent, "NEW" + suffix).then().statusCode(201);
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              age(old, Duration.ofHours(25));
              age(recent, Duration.ofHours(23));
            });

    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> keys(old, recent).equals(List.of(recent)));
    create(old, "OLD" + suffix + "X").then().statusCode(201);
    create(recent, "NEW" + suffix + "X")
        .then()
        .statusCode(422)
        .body("type", equalTo("https://tollgate.io/problems/idempotency-key-reused"));
  }

  static Response create(String idempotencyKey, String projectKey) {
    return given()
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", idempotencyKey)
        .body("{\"key\":\"" + projectKey + "\",\"name\":\"Retention\",\"methodology\":\"AGILE\"}")
        .post("/api/v1/projects");
  }

  private void age(String idempotencyKey, Duration by) {
    em.createNativeQuery(
            "update idempotency_record set created_at = now() - make_interval(hours => :hours)"
                + " where idem_key = :key")
        .setParameter("hours", (int) by.toHours())
        .setParameter("key", idempotencyKey)
        .executeUpdate();
  }

  @SuppressWarnings("unchecked")
  private List<String> keys(String... idempotencyKeys) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                em.createNativeQuery(
                        "select idem_key from idempotency_record where idem_key in (:keys)")
                    .setParameter("keys", List.of(idempotencyKeys))
                    .getResultList());
  }

  private void inbox(String eventId, OffsetDateTime processed) {
    em.createNativeQuery(
            "insert into inbox_event (event_id, event_type, source, processed_at)"
                + " values (:id, 'test', 'retention-test', :processed)")
        .setParameter("id", eventId)
        .setParameter("processed", processed)
        .executeUpdate();
  }

  /** Which of these inbox records are still there. */
  @SuppressWarnings("unchecked")
  private List<String> inboxIds(List<String> ids) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                em.createNativeQuery("select event_id from inbox_event where event_id in (:ids)")
                    .setParameter("ids", ids)
                    .getResultList());
  }
}
