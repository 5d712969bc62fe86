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
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The outbox and the inbox forget what they no longer need: published outbox rows after {@code
 * tollgate.retention.outbox} (7 days), processed inbox records after {@code
 * tollgate.retention.inbox} (14 days), on the service's own timer; rows still waiting to be
 * published stay whatever their age. The relay is off in this profile, so that a waiting row stays
 * waiting, and the timer runs every second instead of every ten minutes.
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
          "tollgate.outbox.relay-enabled", "false");
    }
  }

  @Inject EntityManager em;

  @Test
  void publishedRowsAndProcessedRecordsPastTheirRetentionAreDeletedWaitingRowsAreNot() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    // the oldest rows sit at the head of the outbox, as they do in a running service
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              outbox(-6, now.minusDays(40), null); // never published: the relay keeps trying
              outbox(-5, now.minusDays(9), now.minusDays(9));
              outbox(-4, now.minusDays(8), now.minusDays(8));
              outbox(-3, now.minusDays(8), now.minusDays(7).minusHours(1));
              outbox(-2, now.minusDays(7), now.minusDays(6)); // published 6 days ago: kept
              inbox("retention-old-1", now.minusDays(15));
              inbox("retention-old-2", now.minusDays(20));
              inbox("retention-old-3", now.minusDays(30));
              inbox("retention-recent", now.minusDays(13));
            });

    // batches of two: three of them for the outbox's head, two for the inbox
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> outboxSeqs().size() == 2 && inboxIds().size() == 1);
    assertThat(outboxSeqs(), containsInAnyOrder(-6L, -2L));
    assertThat(inboxIds(), containsInAnyOrder("retention-recent"));
  }

  private void outbox(long seq, OffsetDateTime created, OffsetDateTime published) {
    em.createNativeQuery(
            "insert into outbox_event (seq, event_id, topic, event_key, event_type, payload,"
                + " created_at, published_at) overriding system value"
                + " values (:seq, :id, 'retention.test', 'key', 'test', '{}', :created, :published)")
        .setParameter("seq", seq)
        .setParameter("id", UUID.randomUUID())
        .setParameter("created", created)
        .setParameter("published", published)
        .executeUpdate();
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
  private List<Long> outboxSeqs() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((List<Number>)
                        em.createNativeQuery("select seq from outbox_event where seq < 0")
                            .getResultList())
                    .stream().map(Number::longValue).toList());
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
