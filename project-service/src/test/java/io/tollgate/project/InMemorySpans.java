package io.tollgate.project;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Where the tests' spans go: the OpenTelemetry SDK, switched on in the test profile, exports to
 * this exporter instead of an OTLP collector (Quarkus uses a SpanExporter bean when there is one).
 */
@ApplicationScoped
class InMemorySpans {

  @Produces
  @Singleton
  InMemorySpanExporter exporter() {
    return InMemorySpanExporter.create();
  }
}
