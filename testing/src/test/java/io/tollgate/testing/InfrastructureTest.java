package io.tollgate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.runtime.KafkaBroker;
import io.tollgate.runtime.LocalRuntime;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The shared servers and the Kafka helpers, without Quarkus. */
class InfrastructureTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void servesTheRequestedDatabase() throws Exception {
    String url = TollgateInfrastructure.jdbcUrl("sample");

    try (Connection c =
            DriverManager.getConnection(
                url,
                TollgateInfrastructure.postgresUsername(),
                TollgateInfrastructure.postgresPassword());
        ResultSet rows = c.createStatement().executeQuery("SELECT current_database()")) {
      rows.next();
      assertEquals("sample", rows.getString(1));
    }
  }

  @Test
  void createsThePlatformTopicsUpFront() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TollgateInfrastructure.kafkaBootstrapServers()))) {
      Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);

      assertTrue(topics.containsAll(LocalRuntime.TOPICS), topics.toString());
    }
  }

  @Test
  void collectsWhatIsPublishedWithKeysAndHeaders() {
    try (EventPublisher publisher = EventPublisher.create();
        EventCollector events = EventCollector.fromEnd("risk.events")) {
      publisher.send("risk.events", "p-1", "{\"n\":1}", Map.of("ce_id", "e-1"));
      publisher.send("risk.events", "p-1", "{\"n\":1}", Map.of("ce_id", "e-1"));
      publisher.send("risk.events", "p-2", "{\"n\":2}");

      List<ConsumerRecord<String, String>> duplicates =
          events.awaitCount(r -> "p-1".equals(r.key()), 2, WAIT);
      ConsumerRecord<String, String> other = events.awaitRecord(r -> "p-2".equals(r.key()), WAIT);

      assertEquals("{\"n\":1}", duplicates.get(1).value());
      assertEquals(
          "e-1",
          new String(
              duplicates.get(1).headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8));
      assertEquals("{\"n\":2}", other.value());
      assertEquals(3, events.records().size());
    }
  }

  @Test
  void readsFromTheBeginningWhenAsked() {
    try (EventPublisher publisher = EventPublisher.create()) {
      publisher.send("notification.events", "n-1", "earlier");
    }

    try (EventCollector events = EventCollector.fromBeginning("notification.events")) {
      events.awaitRecord(r -> "earlier".equals(r.value()), WAIT);
    }
  }

  @Test
  void failsWithWhatItReceivedWhenNothingMatches() {
    try (EventPublisher publisher = EventPublisher.create();
        EventCollector events = EventCollector.fromEnd("milestone.events")) {
      publisher.send("milestone.events", "m-1", "unrelated");
      events.awaitCount(1, WAIT);

      AssertionError error =
          assertThrows(
              AssertionError.class,
              () -> events.awaitRecord(r -> "wanted".equals(r.value()), Duration.ofMillis(300)));

      assertTrue(error.getMessage().contains("key=m-1"), error.getMessage());
      assertTrue(error.getMessage().contains("value=unrelated"), error.getMessage());
    }
  }

  @Test
  void aStoppedAndRestartedBrokerKeepsRecordsAndServesNewOnes() throws Exception {
    KafkaBroker kafka = TollgateInfrastructure.kafka();
    String bootstrap = kafka.bootstrapServers();
    try (EventPublisher publisher = EventPublisher.create()) {
      publisher.send("project.events", "p-9", "before");
    }

    kafka.stop();
    assertEquals(false, kafka.isRunning());
    kafka.start();

    assertTrue(kafka.isRunning());
    assertEquals(bootstrap, TollgateInfrastructure.kafkaBootstrapServers());
    try (EventPublisher publisher = EventPublisher.create();
        EventCollector events = EventCollector.fromBeginning("project.events")) {
      publisher.send("project.events", "p-9", "after");
      events.awaitRecord(r -> "before".equals(r.value()), WAIT);
      events.awaitRecord(r -> "after".equals(r.value()), WAIT);
    }
  }
}
