package io.tollgate.milestone;

import static io.restassured.RestAssured.given;
import static io.tollgate.testing.ProjectDirectoryEvents.memberEvent;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.directory.DirectoryMemberships;
import io.tollgate.eventing.InboxBatch;
import io.tollgate.security.AccessRole;
import io.tollgate.testing.EventCollector;
import io.tollgate.testing.Metrics;
import io.tollgate.testing.TollgateInfrastructure;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * milestone-service keeps its read model of projects from project.events: events published on the
 * real broker, effects read from its own database.
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "milestone"))
class ProjectDirectoryTest {

  private static KafkaProducer<String, String> producer;

  @Inject EntityManager em;

  @Inject DirectoryMemberships memberships;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  KafkaProducer<String, String> producer() {
    if (producer == null) {
      Properties props = new Properties();
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      producer = new KafkaProducer<>(props);
    }
    return producer;
  }

  @AfterAll
  static void close() {
    if (producer != null) {
      producer.close();
      producer = null;
    }
  }

  static String event(String eventId, String type, UUID projectId, String name, long version) {
    return """
        {"specversion":"1.0","id":"%s","source":"/project-service","type":"%s","subject":"%s",
         "time":"2026-01-05T09:00:00Z","datacontenttype":"application/json",
         "data":{"projectId":"%s","key":"CRM","name":"%s","methodology":"AGILE",
                 "phase":"INITIATION","archived":false,"version":%d,"someFutureField":1}}"""
        .formatted(eventId, type, projectId, projectId, name, version);
  }

  void send(UUID projectId, String value) throws Exception {
    ProducerRecord<String, String> record =
        new ProducerRecord<>("project.events", projectId.toString(), value);
    record
        .headers()
        .add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
    producer().send(record).get();
  }

  /** name, version and events_applied of the project's row, or null when there is none. */
  Object[] row(UUID projectId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              List<?> rows =
                  em.createNativeQuery(
                          "select name, version, events_applied from project_ref where project_id = :id")
                      .setParameter("id", projectId)
                      .getResultList();
              return rows.isEmpty() ? null : (Object[]) rows.get(0);
            });
  }

  long inboxRows(String eventId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        em.createNativeQuery(
                                "select count(*) from inbox_event where event_id = :id")
                            .setParameter("id", eventId)
                            .getSingleResult())
                    .longValue());
  }

  @Test
  void aCreatedProjectAppearsInTheReadModel() throws Exception {
    UUID project = UUID.randomUUID();
    send(
        project,
        event(
            UUID.randomUUID().toString(),
            "tollgate.project.created.v1",
            project,
            "CRM replacement",
            0));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              Object[] row = row(project);
              assertEquals("CRM replacement", row == null ? null : row[0]);
            });
  }

  @Test
  void theSameEventDeliveredTwiceActsOnce() throws Exception {
    UUID project = UUID.randomUUID();
    String eventId = UUID.randomUUID().toString();
    String created = event(eventId, "tollgate.project.created.v1", project, "Once", 0);
    send(project, created);
    send(project, created);
    String marker = UUID.randomUUID().toString();
    // a later event of the same project is processed after both copies (same partition, in order)
    send(project, event(marker, "tollgate.project.updated.v1", project, "Once more", 1));
    await().atMost(Duration.ofSeconds(30)).until(() -> inboxRows(marker) == 1);
    Object[] row = row(project);
    assertEquals("Once more", row[0]);
    assertEquals(2, ((Number) row[2]).intValue(), "two distinct events applied, the copy skipped");
    assertEquals(1, inboxRows(eventId));
  }

  /**
   * An event type moved to a new major version (v2 may rename a field or change what it means) is
   * not read as v1: it is skipped, counted and logged, and the project's v1 events still apply.
   * Read as v1, the v2 event's higher version would have shut the v1 event out.
   */
  @Test
  void anEventOfAVersionThisServiceDoesNotReadIsSkippedAndCounted() throws Exception {
    UUID project = UUID.randomUUID();
    String skipped = "tollgate_inbox_skipped_total{type=\"tollgate.project.created.v2\"}";
    double before = Math.max(0, Metrics.value(skipped));
    String v2 = UUID.randomUUID().toString();
    send(project, event(v2, "tollgate.project.created.v2", project, "Read as v1 by mistake", 7));
    String v1 = UUID.randomUUID().toString();
    send(project, event(v1, "tollgate.project.created.v1", project, "CRM replacement", 0));
    await().atMost(Duration.ofSeconds(30)).until(() -> inboxRows(v1) == 1);
    Object[] row = row(project);
    assertEquals("CRM replacement", row[0]);
    assertEquals(1, ((Number) row[2]).intValue(), "the v1 event alone applied");
    assertEquals(0, inboxRows(v2), "a skipped event is not recorded as processed");
    assertEquals(before + 1, Metrics.value(skipped));
  }

  @Test
  void anOlderEventNeverOverwritesNewerState() throws Exception {
    UUID project = UUID.randomUUID();
    send(
        project,
        event(UUID.randomUUID().toString(), "tollgate.project.updated.v1", project, "Newer", 3));
    String old = UUID.randomUUID().toString();
    send(project, event(old, "tollgate.project.updated.v1", project, "Older", 2));
    await().atMost(Duration.ofSeconds(30)).until(() -> inboxRows(old) == 1);
    assertEquals("Newer", row(project)[0]);
    assertEquals(3L, ((Number) row(project)[1]).longValue());
  }

  /** The access the service's authorization sees, through the directory's bean. */
  Optional<AccessRole> access(UUID projectId, String user) {
    return QuarkusTransaction.requiringNew().call(() -> memberships.accessRole(projectId, user));
  }

  String accessRole(UUID projectId, String user) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              List<?> rows =
                  em.createNativeQuery(
                          "select access_role from project_member where project_id = :p and user_id = :u")
                      .setParameter("p", projectId)
                      .setParameter("u", user)
                      .getResultList();
              return rows.isEmpty() ? null : (String) rows.get(0);
            });
  }

  @Test
  void membershipEventsKeepTheAccessReadModel() throws Exception {
    UUID project = UUID.randomUUID();
    send(
        project,
        memberEvent(
            UUID.randomUUID().toString(),
            "tollgate.project.member-added.v1",
            project,
            "bob",
            "VIEWER",
            10));
    send(
        project,
        memberEvent(
            UUID.randomUUID().toString(),
            "tollgate.project.member-added.v1",
            project,
            "carol",
            "OWNER",
            11));
    String changed = UUID.randomUUID().toString();
    send(
        project,
        memberEvent(changed, "tollgate.project.member-changed.v1", project, "bob", "EDITOR", 12));
    await().atMost(Duration.ofSeconds(30)).until(() -> inboxRows(changed) == 1);
    assertEquals("EDITOR", accessRole(project, "bob"));
    assertEquals("OWNER", accessRole(project, "carol"));
    String removed = UUID.randomUUID().toString();
    send(
        project,
        memberEvent(removed, "tollgate.project.member-removed.v1", project, "bob", "EDITOR", 13));
    await().atMost(Duration.ofSeconds(30)).until(() -> inboxRows(removed) == 1);
    assertEquals(null, accessRole(project, "bob"));
    assertEquals(Optional.empty(), access(project, "bob"));
    assertEquals("OWNER", accessRole(project, "carol"));
    assertEquals(Optional.of(AccessRole.OWNER), access(project, "carol"));
  }

  /**
   * Two events about one member delivered in the wrong order (two relays of project-service out of
   * step, before ADR 0017): the one with the higher sequence wins, a removal included, so a late
   * member-added does not give the access back.
   */
  @Test
  void anOlderMembershipEventDeliveredLateChangesNothing() throws Exception {
    UUID project = UUID.randomUUID();
    send(
        project,
        memberEvent(
            UUID.randomUUID().toString(),
            "tollgate.project.member-removed.v1",
            project,
            "bob",
            "EDITOR",
            2));
    String lateAdd = UUID.randomUUID().toString();
    send(
        project,
        memberEvent(lateAdd, "tollgate.project.member-added.v1", project, "bob", "EDITOR", 1));
    await().atMost(Duration.ofSeconds(30)).until(() -> inboxRows(lateAdd) == 1);
    assertEquals(Optional.empty(), access(project, "bob"), "removed at 2, added at 1: no access");

    // a change newer than the removal (bob added again) applies; an older change then does not
    String again = UUID.randomUUID().toString();
    send(
        project,
        memberEvent(again, "tollgate.project.member-added.v1", project, "bob", "VIEWER", 5));
    String lateChange = UUID.randomUUID().toString();
    send(
        project,
        memberEvent(lateChange, "tollgate.project.member-changed.v1", project, "bob", "OWNER", 4));
    await().atMost(Duration.ofSeconds(30)).until(() -> inboxRows(lateChange) == 1);
    assertEquals(Optional.of(AccessRole.VIEWER), access(project, "bob"));
    assertEquals(1, inboxRows(again));
  }

  @Test
  void aMembershipEventWithoutASequenceIsSetAside() throws Exception {
    UUID project = UUID.randomUUID();
    String id = UUID.randomUUID().toString();
    String withoutSequence =
        memberEvent(id, "tollgate.project.member-added.v1", project, "dave", "OWNER", 0)
            .replace(",\"sequence\":0", "");
    send(project, withoutSequence);
    try (EventCollector dlq =
        EventCollector.fromBeginning("project.events.milestone-service.dlq")) {
      ConsumerRecord<String, String> setAside =
          dlq.awaitRecord(r -> withoutSequence.equals(r.value()), Duration.ofSeconds(30));
      assertTrue(header(setAside, "dead-letter-reason").contains("without a sequence"));
    }
    assertEquals(Optional.empty(), access(project, "dave"));
  }

  @Test
  void anUnreadableEventIsSetAsideAndLaterEventsStillFlow() throws Exception {
    double setAsideBefore = Math.max(0, Metrics.value(DEAD_LETTERED));
    UUID project = UUID.randomUUID();
    String before = UUID.randomUUID().toString();
    send(project, event(before, "tollgate.project.created.v1", project, "Before the junk", 0));
    String junk = "this is not a cloud event " + UUID.randomUUID();
    send(project, junk);
    String noId =
        "{\"specversion\":\"1.0\",\"type\":\"tollgate.project.created.v1\",\"x\":\""
            + UUID.randomUUID()
            + "\"}";
    send(project, noId);
    String good = UUID.randomUUID().toString();
    send(project, event(good, "tollgate.project.updated.v1", project, "After the junk", 1));
    await().atMost(Duration.ofSeconds(30)).until(() -> inboxRows(good) == 1);
    // the events around the junk (likely one poll with it) were applied, each once
    assertEquals(1, inboxRows(before));
    assertEquals("After the junk", row(project)[0]);
    assertEquals(2L, ((Number) row(project)[2]).longValue());
    // both unreadable records were set aside, unchanged, with where they came from and why
    try (EventCollector dlq =
        EventCollector.fromBeginning("project.events.milestone-service.dlq")) {
      ConsumerRecord<String, String> setAside =
          dlq.awaitRecord(r -> junk.equals(r.value()), Duration.ofSeconds(30));
      assertEquals(project.toString(), setAside.key());
      assertEquals("project.events", header(setAside, "dead-letter-topic"));
      assertTrue(header(setAside, "dead-letter-reason").contains("not a CloudEvent"));
      // with the record's own headers, so that it can be republished as it was
      assertEquals("application/cloudevents+json", header(setAside, "content-type"));
      assertTrue(Long.parseLong(header(setAside, "dead-letter-offset")) >= 0);
      ConsumerRecord<String, String> withoutId =
          dlq.awaitRecord(r -> noId.equals(r.value()), Duration.ofSeconds(30));
      assertTrue(header(withoutId, "dead-letter-reason").contains("needs an id"));
    }
    // and an operator sees them counted on /q/metrics
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Metrics.value(DEAD_LETTERED) == setAsideBefore + 2);
  }

  /**
   * A record without a value (a tombstone, or a producer's bug) or with a blank one is unreadable:
   * it is set aside at once, not tried again for seconds like a record the database refused, and
   * the partition's later records are applied.
   */
  @Test
  void aRecordWithoutAValueIsSetAsideAtOnceAndLaterEventsStillFlow() throws Exception {
    UUID project = UUID.randomUUID();
    producer().send(new ProducerRecord<>("project.events", project.toString(), null)).get();
    send(project, " ");
    String after = UUID.randomUUID().toString();
    send(project, event(after, "tollgate.project.created.v1", project, "After no value", 0));
    await().atMost(Duration.ofSeconds(30)).until(() -> inboxRows(after) == 1);
    assertEquals("After no value", row(project)[0]);
    try (EventCollector dlq =
        EventCollector.fromBeginning("project.events.milestone-service.dlq")) {
      List<ConsumerRecord<String, String>> setAside =
          dlq.awaitCount(r -> project.toString().equals(r.key()), 2, Duration.ofSeconds(30));
      assertEquals(null, setAside.get(0).value());
      assertEquals(" ", setAside.get(1).value());
      for (ConsumerRecord<String, String> record : setAside) {
        assertEquals(
            "io.tollgate.eventing.CloudEvents$MalformedEventException",
            header(record, "dead-letter-cause"));
        assertTrue(header(record, "dead-letter-reason").contains("not a CloudEvent"));
        assertEquals("project.events", header(record, "dead-letter-topic"));
      }
      // a record that fails for another reason is tried again after 0.2, 1 and 3 s first: the
      // blank one, right behind the one without a value, would then be set aside 4.2 s after it
      // (timed between the two copies, which leaves out the dead-letter producer's first start)
      long millis = setAside.get(1).timestamp() - setAside.get(0).timestamp();
      assertTrue(millis < 4_000, "set aside " + millis + " ms after the one before it");
    }
  }

  private static final String DEAD_LETTERED =
      "tollgate_inbox_dead_lettered_total{topic=\"project.events\"}";

  @Test
  void aRecordTheDatabaseRefusesForAMomentIsTriedAgainNotSetAside() throws Exception {
    UUID project = UUID.randomUUID();
    String constraint = "refuse_" + project.toString().replace("-", "");
    sql(
        "alter table project_ref add constraint "
            + constraint
            + " check (project_id <> '"
            + project
            + "') not valid");
    // the consumer says when a record failed and when it tries it again: the constraint is dropped
    // right after its first attempt failed, well before its last (0.2, 1 and 3 s later)
    List<String> retries = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            String message =
                record.getParameters() == null
                    ? record.getMessage()
                    : String.format(record.getMessage(), record.getParameters());
            if (InboxBatch.class.getName().equals(record.getLoggerName())
                && message.contains("trying again")) {
              retries.add(message);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger.getLogger("").addHandler(capture);
    try {
      double deadBefore = Metrics.value(DEAD_LETTERED);
      String id = UUID.randomUUID().toString();
      send(project, event(id, "tollgate.project.created.v1", project, "Second attempt", 0));
      await().atMost(Duration.ofSeconds(20)).until(() -> !retries.isEmpty());
      assertTrue(retries.get(0).contains(constraint), retries.get(0));
      assertEquals(0, inboxRows(id));
      sql("alter table project_ref drop constraint " + constraint);
      await().atMost(Duration.ofSeconds(30)).until(() -> inboxRows(id) == 1);
      assertEquals("Second attempt", row(project)[0]);
      assertEquals(deadBefore, Metrics.value(DEAD_LETTERED), "nothing was set aside");
    } finally {
      Logger.getLogger("").removeHandler(capture);
      sql("alter table project_ref drop constraint if exists " + constraint);
    }
  }

  @Test
  void aRecordWaitsForADatabaseThatIsDownLongerThanItsRetriesNotSetAside() throws Exception {
    double deadBefore = Metrics.value(DEAD_LETTERED);
    UUID project = UUID.randomUUID();
    String id = UUID.randomUUID().toString();
    try (Connection admin =
        DriverManager.getConnection(
            TollgateInfrastructure.jdbcUrl("postgres"),
            TollgateInfrastructure.postgresUsername(),
            TollgateInfrastructure.postgresPassword())) {
      try {
        // the service's database goes away: open connections are cut, new ones refused
        admin.createStatement().execute("alter database milestone allow_connections false");
        admin
            .createStatement()
            .execute(
                "select pg_terminate_backend(pid) from pg_stat_activity"
                    + " where datname = 'milestone' and pid <> pg_backend_pid()");
        send(project, event(id, "tollgate.project.created.v1", project, "After the outage", 0));
        // well past the few seconds a refused record is tried again before it is set aside (four
        // attempts, each spending a couple of seconds on the refused connection, 4 s of pauses)
        Thread.sleep(20_000);
      } finally {
        admin.createStatement().execute("alter database milestone allow_connections true");
      }
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions() // the test's own pooled connections were cut too
        .until(() -> inboxRows(id) == 1);
    assertEquals("After the outage", row(project)[0]);
    // an outage past a minute would otherwise fail the channel (the connector's watchdog): off
    assertEquals(
        0,
        ConfigProvider.getConfig()
            .getValue(
                "mp.messaging.connector.smallrye-kafka.throttled.unprocessed-record-max-age.ms",
                Integer.class));
    given().when().get("/q/health/live").then().statusCode(200);
    assertEquals(deadBefore, Metrics.value(DEAD_LETTERED), "nothing was set aside");
  }

  void sql(String statement) {
    QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(statement).executeUpdate());
  }

  @Test
  void aBurstOfEventsIsAppliedOnceEachInOrder() throws Exception {
    // sent faster than they are applied, so that polls carry many records per transaction
    int projects = 150;
    List<UUID> ids = new java.util.ArrayList<>();
    for (int i = 0; i < projects; i++) {
      UUID project = UUID.randomUUID();
      ids.add(project);
      producer()
          .send(
              new ProducerRecord<>(
                  "project.events",
                  project.toString(),
                  event(
                      UUID.randomUUID().toString(),
                      "tollgate.project.created.v1",
                      project,
                      "v0",
                      0)));
      producer()
          .send(
              new ProducerRecord<>(
                  "project.events",
                  project.toString(),
                  event(
                      UUID.randomUUID().toString(),
                      "tollgate.project.updated.v1",
                      project,
                      "v1 of " + i,
                      1)));
    }
    producer().flush();
    // the projects spread over the topic's partitions, which are read independently: wait for
    // every project's last event, not just the last one sent
    int count = projects;
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () ->
                java.util.stream.IntStream.range(0, count)
                    .allMatch(i -> ("v1 of " + i).equals(row(ids.get(i))[0])));
    for (int i = 0; i < projects; i++) {
      Object[] row = row(ids.get(i));
      assertEquals("v1 of " + i, row[0]);
      assertEquals(1L, ((Number) row[1]).longValue());
      assertEquals(2L, ((Number) row[2]).longValue());
    }
  }

  static String header(ConsumerRecord<String, String> record, String name) {
    org.apache.kafka.common.header.Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
