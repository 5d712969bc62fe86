package io.tollgate.milestone;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.testing.EventCollector;
import io.tollgate.testing.EventPublisher;
import io.tollgate.testing.TollgateInfrastructure;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A consumer continues the trace an event was created in (ADR 0023): each record is applied in a
 * "process" span whose parent, and link, is the context its {@code traceparent} header carries.
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "milestone"))
class TracesTest {

  @Inject InMemorySpanExporter spans;

  @Inject EntityManager em;

  @Test
  void aRecordIsAppliedInASpanOfTheTraceThatCreatedItsEvent() {
    String traceId = hex(16);
    String creationSpanId = hex(8);
    UUID project = UUID.randomUUID();
    String eventId = UUID.randomUUID().toString();
    try (EventPublisher publisher = EventPublisher.create()) {
      publisher.send(
          "project.events",
          project.toString(),
          ProjectDirectoryTest.event(eventId, "tollgate.project.created.v1", project, "Traced", 0),
          Map.of(
              "content-type", "application/cloudevents+json",
              "traceparent", "00-" + traceId + "-" + creationSpanId + "-01",
              "tracestate", "vendor=opaque"));
    }

    SpanData process = awaitSpan(traceId, eventId);
    assertEquals(creationSpanId, process.getParentSpanId(), "a child of the event's creation");
    assertEquals(SpanKind.CONSUMER, process.getKind());
    assertEquals("process project.events", process.getName());
    assertEquals(StatusCode.UNSET, process.getStatus().getStatusCode());
    assertEquals("opaque", process.getSpanContext().getTraceState().get("vendor"));
    List<LinkData> links = process.getLinks();
    assertEquals(1, links.size(), "linked to the creation, as the messaging conventions ask");
    assertEquals(creationSpanId, links.get(0).getSpanContext().getSpanId());
    assertEquals(
        project.toString(), process.getAttributes().get(stringKey("messaging.kafka.message.key")));
    assertEquals(
        "tollgate.project.created.v1",
        process.getAttributes().get(stringKey("cloudevents.event_type")));
    // its span ended once the event's transaction had committed
    assertEquals(1L, inboxRows(eventId));
  }

  /** A record set aside is a failed span of its trace, and its copy keeps the trace's headers. */
  @Test
  void aRecordSetAsideIsAFailedSpanAndItsCopyKeepsTheTraceparent() {
    String traceId = hex(16);
    String traceparent = "00-" + traceId + "-" + hex(8) + "-01";
    String key = UUID.randomUUID().toString();
    try (EventPublisher publisher = EventPublisher.create()) {
      publisher.send(
          "project.events",
          key,
          "not a CloudEvent",
          Map.of("content-type", "application/cloudevents+json", "traceparent", traceparent));
    }
    // the span ends once the copy is on the dead-letter topic
    SpanData failed =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    spans.getFinishedSpanItems().stream()
                        .filter(s -> s.getTraceId().equals(traceId))
                        .filter(s -> s.getStatus().getStatusCode() == StatusCode.ERROR)
                        .filter(s -> s.getStatus().getDescription().startsWith("set aside"))
                        .findFirst(),
                Optional::isPresent)
            .get();
    assertEquals(
        "set aside on project.events.milestone-service.dlq", failed.getStatus().getDescription());
    try (EventCollector deadLetters =
        EventCollector.fromBeginning("project.events.milestone-service.dlq")) {
      ConsumerRecord<String, String> copy =
          deadLetters.awaitRecord(r -> key.equals(r.key()), Duration.ofSeconds(30));
      assertEquals(
          traceparent,
          new String(copy.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8));
    }
  }

  private SpanData awaitSpan(String traceId, String eventId) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getTraceId().equals(traceId))
                    .filter(
                        s ->
                            eventId.equals(
                                s.getAttributes().get(stringKey("messaging.message.id"))))
                    .findFirst(),
            Optional::isPresent)
        .get();
  }

  private long inboxRows(String eventId) {
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

  private static AttributeKey<String> stringKey(String name) {
    return AttributeKey.stringKey(name);
  }

  private static String hex(int bytes) {
    byte[] random = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
