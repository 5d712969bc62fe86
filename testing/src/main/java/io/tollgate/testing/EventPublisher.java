package io.tollgate.testing;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes raw records, for tests of consumers: hand-made events, duplicates, malformed payloads.
 *
 * <pre>{@code
 * try (EventPublisher publisher = EventPublisher.create()) {
 *   publisher.send("project.events", projectId, cloudEventJson, Map.of("ce_id", eventId));
 *   publisher.send("project.events", projectId, cloudEventJson, Map.of("ce_id", eventId)); // again
 * }
 * }</pre>
 *
 * <p>Every send waits for the broker's acknowledgement, so the record is readable when it returns.
 */
public final class EventPublisher implements AutoCloseable {

  private final KafkaProducer<String, String> producer;

  private EventPublisher(String bootstrapServers) {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class);
    producer = KafkaClientFactory.producer(config);
  }

  /** A publisher to the test broker. */
  public static EventPublisher create() {
    return new EventPublisher(TollgateInfrastructure.kafkaBootstrapServers());
  }

  /** A publisher to any cluster. */
  public static EventPublisher create(String bootstrapServers) {
    return new EventPublisher(bootstrapServers);
  }

  public RecordMetadata send(String topic, String key, String value) {
    return send(topic, key, value, Map.of());
  }

  /** Sends one record with UTF-8 header values and waits until the broker has it. */
  public RecordMetadata send(String topic, String key, String value, Map<String, String> headers) {
    ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
    headers.forEach(
        (name, headerValue) ->
            record
                .headers()
                .add(
                    name,
                    headerValue == null ? null : headerValue.getBytes(StandardCharsets.UTF_8)));
    try {
      return producer.send(record).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending to " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot send to " + topic + ": " + e, e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
