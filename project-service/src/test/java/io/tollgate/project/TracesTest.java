package io.tollgate.project;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tollgate.testing.EventCollector;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A write's trace continues on Kafka (ADR 0023): the events it stores reach the topic with a W3C
 * {@code traceparent} of the caller's trace, which the outbox kept for the relay.
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "project"))
class TracesTest {

  @Inject InMemorySpanExporter spans;

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  @Test
  void theEventsOfAWriteCarryTheTraceOfTheRequestThatMadeIt() {
    String traceId = hex(16);
    String callerSpanId = hex(8);
    try (EventCollector events = EventCollector.fromEnd("project.events")) {
      String id =
          given()
              .header("traceparent", "00-" + traceId + "-" + callerSpanId + "-01")
              .contentType(ContentType.JSON)
              .body(ProjectApiTest.body(ProjectApiTest.uniqueKey("T")))
              .post("/api/v1/projects")
              .then()
              .statusCode(201)
              .extract()
              .path("id");

      // a create stores two events: created, and its creator's membership
      List<ConsumerRecord<String, String>> published =
          events.awaitCount(r -> id.equals(r.key()), 2, Duration.ofSeconds(20));
      for (ConsumerRecord<String, String> record : published) {
        String traceparent = header(record, "traceparent");
        assertNotNull(traceparent, "no traceparent on " + record.value());
        String[] fields = traceparent.split("-");
        assertEquals(4, fields.length, traceparent);
        assertEquals(traceId, fields[1], "the event is in the caller's trace: " + traceparent);
        assertNotEquals(callerSpanId, fields[2], "the event's creation is the service's own span");
        assertEquals("01", fields[3], "sampled, as the caller's trace was");

        // that span is the service's "create" span, under the span of the request it served
        SpanData create = awaitSpan(traceId, fields[2]);
        assertEquals(SpanKind.PRODUCER, create.getKind());
        assertEquals("create project.events", create.getName());
        SpanData server = awaitSpan(traceId, create.getParentSpanId());
        assertEquals(SpanKind.SERVER, server.getKind());
        assertEquals(callerSpanId, server.getParentSpanId(), "the request continues the caller's");
      }
    }
  }

  private SpanData awaitSpan(String traceId, String spanId) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getTraceId().equals(traceId) && s.getSpanId().equals(spanId))
                    .findFirst(),
            Optional::isPresent)
        .get();
  }

  private static String header(ConsumerRecord<String, String> record, String name) {
    List<Header> headers = new ArrayList<>();
    record.headers().headers(name).forEach(headers::add);
    assertTrue(headers.size() <= 1, "one " + name + " header at most: " + headers);
    return headers.isEmpty() ? null : new String(headers.get(0).value(), StandardCharsets.UTF_8);
  }

  private static String hex(int bytes) {
    byte[] random = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
