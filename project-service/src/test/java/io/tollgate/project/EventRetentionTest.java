package io.tollgate.project;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tollgate.testing.TollgateInfrastructure;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The inbox forgets the events it processed after {@code tollgate.retention.inbox} (14 days), on
 * the service's own timer, a batch at a time; the timer runs every second here instead of every ten
 * minutes. (The outbox needs no retention: the relay deletes what it publishes, see {@link
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
          "tollgate.retention.batch-size", "2");
    }
  }

  @Inject EntityManager em;

  @Test
  void processedRecordsPastTheirRetentionAreDeletedInBatchesRecentOnesAreKept() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              inbox("retention-old-1", now.minusDays(15));
              inbox("retention-old-2", now.minusDays(20));
              inbox("retention-old-3", now.minusDays(30));
              inbox("retention-recent", now.minusDays(13));
            });

    // batches of two: the three old records take two of them
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> inboxIds().size() == 1);
    assertThat(inboxIds(), containsInAnyOrder("retention-recent"));
  }

  private void inbox(String eventId, OffsetDateTime processed) {
    em.createNativeQuery(
            "insert into inbox_event (event_id, event_type, source, processed_at)"
                + " values (:id, 'test', 'retention-test', :processed)")
        .setParameter("id", eventId)
        .setParameter("processed", processed)
        .executeUpdate();
  }

  @SuppressWarnings("unchecked")
  private List<String> inboxIds() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                em.createNativeQuery(
                        "select event_id from inbox_event where event_id like 'retention-%'")
                    .getResultList());
  }
}
