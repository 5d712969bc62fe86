package io.tollgate.milestone;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.eventing.Outbox;
import io.tollgate.eventing.OutboxRelay;
import io.tollgate.testing.EventCollector;
import io.tollgate.testing.Metrics;
import io.tollgate.testing.TollgateInfrastructure;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The eventing module's outbox relay, as this service runs it, against the real database and
 * broker: events written through {@link Outbox} on a topic of the test's own, read back from the
 * topic.
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "milestone"))
class OutboxRelayTest {

  static final String TOPIC = "outbox-relay-test.events";

  @Inject Outbox outbox;

  @Inject EntityManager em;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  /** One partition, so that the order of every record on it is the order of publication. */
  @BeforeEach
  void topic() throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin
          .createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  /** Writes events of one key in one transaction, as a service's change would; their seqs. */
  List<Long> write(String key, String... names) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              for (String name : names) {
                outbox.publish(TOPIC, key, "tollgate.test.written.v1", key, Map.of("name", name));
              }
              em.flush();
              List<?> seqs =
                  em.createNativeQuery(
                          "select seq from outbox_event where event_key = :key order by seq")
                      .setParameter("key", key)
                      .getResultList();
              return seqs.stream().map(seq -> ((Number) seq).longValue()).toList();
            });
  }

  long waiting(String key) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        em.createNativeQuery(
                                "select count(*) from outbox_event where event_key = :key")
                            .setParameter("key", key)
                            .getSingleResult())
                    .longValue());
  }

  /** The names of the events of {@code key} among {@code records}, in their order. */
  static List<String> names(List<ConsumerRecord<String, String>> records, String key) {
    return records.stream()
        .filter(r -> key.equals(r.key()))
        .map(r -> r.value().replaceAll("(?s).*\"name\":\"([^\"]*)\".*", "$1"))
        .toList();
  }

  static Connection database() throws Exception {
    return DriverManager.getConnection(
        TollgateInfrastructure.jdbcUrl("milestone"),
        TollgateInfrastructure.postgresUsername(),
        TollgateInfrastructure.postgresPassword());
  }

  /**
   * Another replica's relay, played by this test on a connection of its own, is in the middle of a
   * round: it holds the round's lock and has claimed the first of two events of one project, and
   * has not had it acknowledged yet. This service's relay, woken by the commit and by its sweeps,
   * must not publish the second meanwhile (it would reach the partition before the first); it does
   * once the other round has ended, after the first.
   */
  private static final String DEFERRED = "tollgate_outbox_deferred_rounds_total";

  @Test
  void aRelayDoesNotRunARoundWhileAnotherReplicasRoundHoldsTheLock() throws Exception {
    String key = UUID.randomUUID().toString();
    try (EventCollector events = EventCollector.fromEnd(TOPIC);
        Connection otherReplica = database()) {
      otherReplica.setAutoCommit(false);
      try (PreparedStatement lock =
          otherReplica.prepareStatement("select pg_advisory_xact_lock(?)")) {
        lock.setLong(1, OutboxRelay.ROUND_LOCK); // waits for a round of this service's relay
        lock.execute();
      }
      double deferredBefore = Math.max(0, Metrics.value(DEFERRED));
      List<Long> seqs = write(key, "first", "second");
      String first;
      try (PreparedStatement claim =
          otherReplica.prepareStatement(
              "delete from outbox_event where seq = ? returning payload")) {
        claim.setLong(1, seqs.get(0));
        try (ResultSet row = claim.executeQuery()) {
          assertTrue(row.next(), "the first event was still waiting");
          first = row.getString(1);
        }
      }
      // this service's relay tried (its wake-up after the commit, then its sweeps) and deferred
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> Metrics.value(DEFERRED) >= deferredBefore + 2);
      assertEquals(
          List.of(), names(events.records(), key), "nothing published while the other round runs");
      assertEquals(2, waiting(key), "the second still waits (the first's deletion not committed)");

      // the other round has its row acknowledged, then commits and so releases the lock
      try (KafkaProducer<String, String> producer = producer()) {
        producer.send(new ProducerRecord<>(TOPIC, key, first)).get(10, TimeUnit.SECONDS);
      }
      otherReplica.commit();

      List<ConsumerRecord<String, String>> published =
          events.awaitCount(r -> key.equals(r.key()), 2, Duration.ofSeconds(20));
      assertEquals(List.of("first", "second"), names(published, key));
      await().atMost(Duration.ofSeconds(10)).until(() -> waiting(key) == 0);
    }
  }

  @ConfigProperty(name = "tollgate.outbox.send-timeout")
  Duration sendTimeout;

  @Inject AgroalDataSource dataSource;

  /**
   * Another replica's relay dies, or loses its network, in the middle of a round: it started the
   * round as every relay does and claimed the first of two events of one project, and then nothing
   * more comes from it. A node that is gone closes no connection, so PostgreSQL would keep its
   * transaction, the round's lock and the claim until TCP keepalive noticed, about two hours, and
   * no replica would publish anything meanwhile. The round's idle limit ends that session once the
   * send timeout and a margin have passed; this service's relay then publishes both, in order.
   */
  @Test
  void aRoundWhoseRelayStoppedTalkingIsEndedAndItsEventsArePublished() throws Exception {
    String key = UUID.randomUUID().toString();
    try (EventCollector events = EventCollector.fromEnd(TOPIC);
        Connection deadReplica = database()) {
      deadReplica.setAutoCommit(false);
      boolean locked = false;
      for (int attempt = 0; !locked && attempt < 100; attempt++) {
        try (Statement start = deadReplica.createStatement();
            ResultSet started = start.executeQuery(OutboxRelay.roundStart(sendTimeout))) {
          locked = started.next() && started.getBoolean(1);
        }
        if (!locked) {
          deadReplica.rollback(); // this service's relay is in a round of its own: try again
          Thread.sleep(20);
        }
      }
      assertTrue(locked, "the other replica's round took the lock");
      List<Long> seqs = write(key, "first", "second");
      try (PreparedStatement claim =
          deadReplica.prepareStatement("delete from outbox_event where seq = ?")) {
        claim.setLong(1, seqs.get(0));
        assertEquals(1, claim.executeUpdate(), "the first event was still waiting");
      }

      // the other replica says nothing more
      List<ConsumerRecord<String, String>> published =
          events.awaitCount(
              r -> key.equals(r.key()),
              2,
              OutboxRelay.roundIdleLimit(sendTimeout).plus(Duration.ofSeconds(15)));
      assertEquals(List.of("first", "second"), names(published, key));
      assertThrows(SQLException.class, deadReplica::commit, "PostgreSQL ended its session");
    }
  }

  /**
   * Any other transaction of the service's left idle (a replica that died in the middle of a
   * request holds its project's row lock) is ended by PostgreSQL after a minute: every session of
   * the pool carries the limit.
   */
  @Test
  void everySessionOfTheServiceEndsATransactionLeftIdleForAMinute() throws Exception {
    try (Connection connection = dataSource.getConnection();
        Statement show = connection.createStatement();
        ResultSet limit = show.executeQuery("show idle_in_transaction_session_timeout")) {
      assertTrue(limit.next());
      assertEquals("1min", limit.getString(1));
    }
  }

  /**
   * A database that stops answering (hung, its network cut without a reset) holds no request for
   * longer than the gateway waits: every session of the pool gives up after 30 s without an answer,
   * and the request gets a 503 instead of waiting out the hang.
   */
  @Test
  void everySessionOfTheServiceGivesUpOnADatabaseSilentForThirtySeconds() throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      assertEquals(30_000, connection.getNetworkTimeout());
    }
  }

  static final String FAILED_ROUNDS = "tollgate_outbox_failed_rounds_total";

  /**
   * A row the broker refuses for good (larger than the producer's {@code max.request.size}, 1 MiB)
   * between good ones, with more than a batch (500) behind it: the rows before it are published
   * once, it and the ones behind it wait in order, and the relay tries it again once per sweep (1
   * s), however often commits wake it, saying each time which event and why.
   */
  @Test
  void aRowTheBrokerRefusesHoldsBackTheRowsBehindItOnlyAndIsTriedOncePerSweep() throws Exception {
    String key = UUID.randomUUID().toString();
    long testStart = System.nanoTime();
    List<String> warnings = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (OutboxRelay.class.getName().equals(record.getLoggerName())
                && record.getLevel().intValue() >= Level.WARNING.intValue()) {
              warnings.add(
                  record.getParameters() == null
                      ? record.getMessage()
                      : String.format(record.getMessage(), record.getParameters()));
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger.getLogger("").addHandler(capture);
    try (EventCollector events = EventCollector.fromEnd(TOPIC)) {
      List<String> names =
          new ArrayList<>(List.of("good-1", "good-2", "good-3", "x".repeat(1_100_000)));
      for (int i = 0; i < 600; i++) {
        names.add("behind-" + i);
      }
      write(key, names.toArray(String[]::new));
      List<ConsumerRecord<String, String>> before =
          events.awaitCount(r -> key.equals(r.key()), 3, Duration.ofSeconds(30));
      assertEquals(List.of("good-1", "good-2", "good-3"), names(before, key));

      double failedAtStart = Metrics.value(FAILED_ROUNDS);
      long start = System.nanoTime();
      for (int i = 0; i < 10; i++) { // commits that wake the relay, four times a second
        write(key, "woken-" + i);
        Thread.sleep(250);
      }
      double failedRounds = Metrics.value(FAILED_ROUNDS) - failedAtStart;
      double seconds = (System.nanoTime() - start) / 1e9;
      assertTrue(
          failedRounds >= 1 && failedRounds <= seconds + 2,
          failedRounds + " failed rounds in " + seconds + " s");

      assertEquals(
          List.of("good-1", "good-2", "good-3"),
          names(events.records(), key),
          "the rows before the refused one published once each, none behind it");
      Object[] head =
          QuarkusTransaction.requiringNew()
              .call(
                  () ->
                      (Object[])
                          em.createNativeQuery(
                                  "select cast(event_id as text), attempts, last_error,"
                                      + " length(payload) from outbox_event"
                                      + " where event_key = :key order by seq limit 1")
                              .setParameter("key", key)
                              .getSingleResult());
      assertTrue(((Number) head[3]).intValue() > 1_000_000, "the refused row is at the head");
      assertTrue(((Number) head[1]).intValue() >= 1);
      assertTrue(String.valueOf(head[2]).contains("RecordTooLargeException"), (String) head[2]);
      assertEquals(1 + 600 + 10, waiting(key), "the refused row and every row behind it wait");
      List<String> aboutIt = warnings.stream().filter(w -> w.contains((String) head[0])).toList();
      assertFalse(aboutIt.isEmpty(), "the refused event is named in the log");
      assertTrue(aboutIt.get(0).contains("RecordTooLargeException"), aboutIt.get(0));
      double sinceStart = (System.nanoTime() - testStart) / 1e9;
      assertTrue(aboutIt.size() <= sinceStart + 2, aboutIt.size() + " warnings in " + sinceStart);
    } finally {
      Logger.getLogger("").removeHandler(capture);
      // what an operator does to unblock the outbox: under the relay's lock, or a round running
      // at that moment would put the refused row back after the delete had passed it by
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                em.createNativeQuery(
                        "select count(*) from (select pg_advisory_xact_lock("
                            + OutboxRelay.ROUND_LOCK
                            + ")) l")
                    .getSingleResult();
                em.createNativeQuery("delete from outbox_event where event_key = :key")
                    .setParameter("key", key)
                    .executeUpdate();
              });
    }
    assertEquals(0, waiting(key));
  }

  KafkaProducer<String, String> producer() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return new KafkaProducer<>(props);
  }
}
