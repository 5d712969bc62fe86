package io.tollgate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The CloudEvents a service publishes, as read back from the broker with {@link EventCollector}:
 * parsed, picked by subject, and checked against the producer's contract and the envelope every
 * Tollgate event has (keyed by its project, its entity as subject, a CloudEvents content type).
 */
public final class ProducedEvents {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ProducedEvents() {}

  /** The record's value as JSON; an AssertionError if it is not JSON. */
  public static JsonNode json(ConsumerRecord<String, String> record) {
    try {
      return JSON.readTree(record.value());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + record.value(), e);
    }
  }

  /** Whether the record is an event whose subject is {@code subject}. */
  public static boolean about(ConsumerRecord<String, String> record, String subject) {
    return record.value() != null && json(record).path("subject").asText().equals(subject);
  }

  /**
   * The event checked against {@code schema} (a classpath resource), its key (the project), its
   * subject and content type, and its data's {@code idField} and projectId; its data.
   */
  public static JsonNode checked(
      ConsumerRecord<String, String> event,
      String schema,
      String projectId,
      String idField,
      String id) {
    JsonSchemas.assertConforms(schema, event.value());
    assertEquals(projectId, event.key(), "the Kafka key is the project id");
    assertEquals(id, json(event).path("subject").asText(), "the subject is the " + idField);
    assertEquals(
        "application/cloudevents+json",
        new String(event.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8));
    JsonNode data = json(event).path("data");
    assertEquals(id, data.path(idField).asText());
    assertEquals(projectId, data.path("projectId").asText());
    return data;
  }
}
