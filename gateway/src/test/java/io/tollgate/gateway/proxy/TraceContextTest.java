package io.tollgate.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tollgate.testing.TestTokens;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request through the gateway and the service's work are one trace (ADR 0023): the service is
 * told the gateway's own span, in the caller's trace, not the caller's span passed through.
 */
@QuarkusTest
class TraceContextTest {

  @Inject InMemorySpanExporter spans;

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("tester", "MEMBER");
  }

  @Test
  void theServiceIsToldTheGatewaysSpanInTheCallersTrace() {
    String traceId = hex(16);
    String callerSpanId = hex(8);
    JsonPath echo =
        given()
            .header("traceparent", "00-" + traceId + "-" + callerSpanId + "-01")
            .header("tracestate", "caller=kept")
            .get("/api/v1/projects/traced")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    List<String> received = echo.getList("headers.traceparent", String.class);
    assertThat("one traceparent, or the service reads the first", received, hasSize(1));
    String[] fields = received.get(0).split("-");
    assertEquals(traceId, fields[1], "the caller's trace: " + received);
    assertNotEquals(callerSpanId, fields[2], "the gateway's span, not the caller's: " + received);
    assertThat(echo.getList("headers.tracestate", String.class), contains("caller=kept"));

    // that span is the gateway's call to the service, within the request the caller made
    SpanData call = awaitSpan(traceId, fields[2]);
    assertEquals(SpanKind.CLIENT, call.getKind());
    SpanData request = awaitSpan(traceId, call.getParentSpanId());
    assertEquals(SpanKind.SERVER, request.getKind());
    assertEquals(callerSpanId, request.getParentSpanId());
  }

  /** The span, once exported (the test profile exports every 50 ms). */
  private SpanData awaitSpan(String traceId, String spanId) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<SpanData> span =
          spans.getFinishedSpanItems().stream()
              .filter(s -> s.getTraceId().equals(traceId) && s.getSpanId().equals(spanId))
              .findFirst();
      if (span.isPresent()) {
        return span.get();
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return fail("no span " + spanId + " in trace " + traceId + " was exported");
  }

  private static String hex(int bytes) {
    byte[] random = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
