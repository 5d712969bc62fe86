package io.tollgate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTest {

  @Test
  void roundTripsRecordsAndKeepsThemAcrossARestartOnTheSamePort(@TempDir Path dir)
      throws Exception {
    try (KafkaBroker kafka = KafkaBroker.builder().workDirectory(dir).build()) {
      kafka.start();
      String bootstrap = kafka.bootstrapServers();
      kafka.createTopics("orders", "orders");
      kafka.createTopics("orders");
      assertEquals(KafkaBroker.PARTITIONS, partitions(bootstrap, "orders"));
      // an event topic keeps its whole history, and one that existed with Kafka's 7 days is set so
      assertEquals(
          Map.of("retention.ms", "-1", "retention.bytes", "-1"), retention(bootstrap, "orders"));
      send(bootstrap, "older", "p-0", "created with the broker's defaults");
      assertEquals("604800000", retention(bootstrap, "older").get("retention.ms"));
      kafka.createTopics("older");
      assertEquals(
          Map.of("retention.ms", "-1", "retention.bytes", "-1"), retention(bootstrap, "older"));

      send(bootstrap, "orders", "p-1", "first");
      assertEquals(List.of("first"), readAll(bootstrap, "orders", 1));

      kafka.stop();
      assertFalse(kafka.isRunning());
      kafka.start();

      assertTrue(kafka.isRunning());
      assertEquals(bootstrap, kafka.bootstrapServers());
      assertEquals(KafkaBroker.PARTITIONS, partitions(bootstrap, "orders"));
      send(bootstrap, "orders", "p-1", "second");
      assertEquals(List.of("first", "second"), readAll(bootstrap, "orders", 2));
    }
  }

  private static Map<String, String> retention(String bootstrap, String topic) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      Config config =
          admin.describeConfigs(Set.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
      return Map.of(
          "retention.ms", config.get("retention.ms").value(),
          "retention.bytes", config.get("retention.bytes").value());
    }
  }

  private static int partitions(String bootstrap, String topic) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      return admin
          .describeTopics(Set.of(topic))
          .allTopicNames()
          .get(10, TimeUnit.SECONDS)
          .get(topic)
          .partitions()
          .size();
    }
  }

  private static void send(String bootstrap, String topic, String key, String value)
      throws Exception {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
    }
  }

  /** Values in offset order; all records share a key, hence a partition. */
  private static List<String> readAll(String bootstrap, String topic, int expected) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG,
            "reader-" + System.nanoTime(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class);
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }
}
