package io.tollgate.eventing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Carries a trace across Kafka (ADR 0023): an event is created in a "create" span, child of
 * whatever span is current where {@link Outbox#publish} is called (the write's request), whose W3C
 * context the outbox row keeps and the relay sends as the record's {@code traceparent} and {@code
 * tracestate} headers; each consumer applies the record in a "process" span whose parent, and link,
 * is that context, so the producing request and every consumer's work are one trace.
 *
 * <p>W3C Trace Context is written whatever propagators the HTTP side is configured with: the
 * headers are part of the events' contract (AsyncAPI), not of one deployment's settings. With the
 * OpenTelemetry SDK disabled ({@code quarkus.otel.sdk.disabled=true}, the default) nothing is
 * created, stored or sent, and no span is started.
 */
@ApplicationScoped
public class EventTracing {

  static final String TRACEPARENT = "traceparent";
  static final String TRACESTATE = "tracestate";

  // the messaging semantic conventions' attributes (stable names, spelled out)
  private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
  private static final AttributeKey<String> DESTINATION =
      AttributeKey.stringKey("messaging.destination.name");
  private static final AttributeKey<String> OPERATION_TYPE =
      AttributeKey.stringKey("messaging.operation.type");
  private static final AttributeKey<String> OPERATION_NAME =
      AttributeKey.stringKey("messaging.operation.name");
  private static final AttributeKey<String> MESSAGE_ID =
      AttributeKey.stringKey("messaging.message.id");
  private static final AttributeKey<String> PARTITION =
      AttributeKey.stringKey("messaging.destination.partition.id");
  private static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
  private static final AttributeKey<String> KEY =
      AttributeKey.stringKey("messaging.kafka.message.key");
  private static final AttributeKey<String> EVENT_TYPE =
      AttributeKey.stringKey("cloudevents.event_type");
  private static final AttributeKey<String> EVENT_SUBJECT =
      AttributeKey.stringKey("cloudevents.event_subject");

  private static final TextMapGetter<Headers> KAFKA_HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
          List<String> keys = new ArrayList<>();
          headers.forEach(header -> keys.add(header.key()));
          return keys;
        }

        @Override
        public String get(Headers headers, String key) {
          Header header = headers == null ? null : headers.lastHeader(key);
          return header == null || header.value() == null
              ? null
              : new String(header.value(), StandardCharsets.UTF_8);
        }
      };

  private final Tracer tracer;

  EventTracing(
      OpenTelemetry openTelemetry,
      @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean off) {
    // off, the SDK still hands out a tracer whose spans are recorded for nobody: none is started
    this.tracer = off ? null : openTelemetry.getTracer("io.tollgate.eventing");
  }

  /** The W3C trace context of an event's creation, as its Kafka headers will carry it. */
  record TraceContext(String traceparent, String tracestate) {}

  /**
   * Records the creation of {@code event} in the current trace and answers the context to send with
   * it, or null when tracing is off.
   */
  TraceContext created(String topic, CloudEvent event) {
    if (tracer == null) {
      return null;
    }
    Span span =
        tracer
            .spanBuilder("create " + topic)
            .setSpanKind(SpanKind.PRODUCER)
            .setAttribute(SYSTEM, "kafka")
            .setAttribute(DESTINATION, topic)
            .setAttribute(OPERATION_TYPE, "create")
            .setAttribute(OPERATION_NAME, "create")
            .setAttribute(MESSAGE_ID, event.id())
            .setAttribute(EVENT_TYPE, event.type())
            .setAttribute(EVENT_SUBJECT, event.subject())
            .startSpan();
    try {
      Map<String, String> headers = new HashMap<>(4);
      W3CTraceContextPropagator.getInstance()
          .inject(Context.current().with(span), headers, Map::put);
      return new TraceContext(headers.get(TRACEPARENT), headers.get(TRACESTATE));
    } finally {
      span.end();
    }
  }

  /** The process spans of records applied in one transaction; does nothing when tracing is off. */
  Processing processing() {
    return tracer == null ? Processing.OFF : new Processing(tracer);
  }

  /**
   * The "process" spans of the records one transaction applies. Each starts when its record's turn
   * comes and is current while it is applied, so that what the handler logs carries its trace id,
   * and an event it publishes in turn continues its trace; all end when the transaction has
   * committed or failed, since that is when their events are applied or not.
   */
  static class Processing {

    static final Processing OFF = new Processing(null);

    private final Tracer tracer;
    // null when off: nothing is ever added, and the one instance is shared by every consumer
    private final List<Span> spans;

    private Processing(Tracer tracer) {
      this.tracer = tracer;
      this.spans = tracer == null ? null : new ArrayList<>(1);
    }

    /**
     * Starts the span of {@code record} and makes it current until the scope is closed. Its parent
     * is the context the record's headers carry, linked as well, as the messaging conventions ask
     * of a process span; a record without one starts a trace of its own.
     */
    Scope start(ConsumerRecord<String, String> record) {
      if (tracer == null) {
        return Scope.noop();
      }
      Context created =
          W3CTraceContextPropagator.getInstance()
              .extract(Context.root(), record.headers(), KAFKA_HEADERS);
      SpanContext creation = Span.fromContext(created).getSpanContext();
      SpanBuilder builder =
          tracer
              .spanBuilder("process " + record.topic())
              .setSpanKind(SpanKind.CONSUMER)
              .setParent(created)
              .setAttribute(SYSTEM, "kafka")
              .setAttribute(DESTINATION, record.topic())
              .setAttribute(OPERATION_TYPE, "process")
              .setAttribute(OPERATION_NAME, "process")
              .setAttribute(PARTITION, Integer.toString(record.partition()))
              .setAttribute(OFFSET, record.offset());
      if (record.key() != null) {
        builder.setAttribute(KEY, record.key());
      }
      if (creation.isValid()) {
        builder.addLink(creation);
      }
      Span span = builder.startSpan();
      spans.add(span);
      return span.makeCurrent();
    }

    /** Names the event the current record turned out to be. */
    void accepted(CloudEvent event) {
      if (spans != null && !spans.isEmpty()) {
        spans
            .get(spans.size() - 1)
            .setAttribute(MESSAGE_ID, event.id())
            .setAttribute(EVENT_TYPE, event.type())
            .setAttribute(EVENT_SUBJECT, event.subject());
      }
    }

    /** The current record was set aside on {@code deadLetterTopic}: its event was not applied. */
    void setAside(String deadLetterTopic, Throwable reason) {
      if (spans != null && !spans.isEmpty()) {
        Span span = spans.get(spans.size() - 1);
        span.recordException(reason);
        span.setStatus(StatusCode.ERROR, "set aside on " + deadLetterTopic);
      }
    }

    /** Ends every span, failed when the transaction did ({@code failure} not null). */
    void end(Throwable failure) {
      if (spans == null) {
        return;
      }
      for (Span span : spans) {
        if (failure != null) {
          span.recordException(failure);
          span.setStatus(StatusCode.ERROR, "not applied: its transaction failed");
        }
        span.end();
      }
      spans.clear();
    }
  }
}
