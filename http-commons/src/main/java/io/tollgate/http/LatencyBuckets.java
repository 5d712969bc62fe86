package io.tollgate.http;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

/**
 * Gives {@code http.server.requests} a histogram of a few fixed buckets, 5 ms to 10 s ({@code
 * http_server_requests_seconds_bucket{le="0.05"}}), so that a route's p95 and p99 can be computed
 * ({@code histogram_quantile}) and summed over replicas; without it only count, sum and max were
 * exported. Fixed buckets rather than Micrometer's percentile histogram, which adds some 70 to
 * every series (route, method, status, outcome). The gateway and every service use the same, so
 * that the gateway's latency and a service's compare bucket by bucket; each app produces the filter
 * as a bean of its own.
 */
public final class LatencyBuckets {

  private static final String HTTP_SERVER_REQUESTS = "http.server.requests";

  /** The upper bounds, in milliseconds. */
  private static final long[] BUCKETS_MS = {
    5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000
  };

  private LatencyBuckets() {}

  /** The filter that gives {@code http.server.requests} these buckets, and changes nothing else. */
  public static MeterFilter httpServerRequests() {
    // a timer's are in nanoseconds
    double[] bucketsNanos =
        LongStream.of(BUCKETS_MS).mapToDouble(TimeUnit.MILLISECONDS::toNanos).toArray();
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(
          Meter.Id id, DistributionStatisticConfig config) {
        if (!id.getName().equals(HTTP_SERVER_REQUESTS)) {
          return config;
        }
        return DistributionStatisticConfig.builder()
            .serviceLevelObjectives(bucketsNanos)
            .build()
            .merge(config);
      }
    };
  }
}
