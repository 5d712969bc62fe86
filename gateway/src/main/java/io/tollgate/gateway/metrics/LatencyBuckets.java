package io.tollgate.gateway.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The latency buckets of the gateway's {@code http.server.requests}, the same as everywhere else
 * (http-commons' {@link io.tollgate.http.LatencyBuckets}).
 */
@Singleton
public class LatencyBuckets {

  @Produces
  @Singleton
  MeterFilter httpServerBuckets() {
    return io.tollgate.http.LatencyBuckets.httpServerRequests();
  }
}
