package io.tollgate.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's route table, upstream connection settings and the protections in front of them.
 *
 * <p>Upstreams are keyed by service name so that {@code gateway.upstream.project-service} is
 * overridden by the environment variable {@code GATEWAY_UPSTREAM_PROJECT_SERVICE}.
 */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

  /** Base URL (scheme, host, port; no path) of each upstream service, by service name. */
  Map<String, URI> upstream();

  /** The path prefixes each service owns, by service name; every service needs an upstream. */
  Map<String, List<String>> routes();

  /**
   * How long an upstream may stay silent (no response bytes) before the gateway answers 504; it
   * restarts with every chunk received, so long streamed responses are not cut off.
   */
  @WithDefault("30s")
  Duration timeout();

  /** How long to wait for a pooled connection or a new TCP connection to an upstream. */
  @WithDefault("5s")
  Duration connectTimeout();

  /** The keep-alive connection pool shared by all upstreams. */
  Pool pool();

  /**
   * The largest request body the gateway accepts by its {@code Content-Length}; larger ones are
   * answered with 413 before anything reaches a service.
   */
  @WithDefault("10M")
  MemorySize maxBodySize();

  /** Per-caller request rate limits. */
  RateLimit rateLimit();

  /** Fail-fast protection per upstream. */
  CircuitBreaker circuitBreaker();

  /** API keys for integrators, exchanged for short-lived JWTs. */
  ApiKeys apiKeys();

  /** Connection pool settings; limits apply per upstream host and port. */
  interface Pool {

    /** Maximum open HTTP/1.1 connections to one upstream. */
    @WithDefault("64")
    int maxSize();

    /** Requests that may wait for a free connection to one upstream; -1 is unbounded. */
    @WithDefault("1024")
    int maxWaitQueueSize();

    /** How long an unused pooled connection is kept open. */
    @WithDefault("60s")
    Duration keepAliveTimeout();
  }

  /**
   * A token bucket per caller (JWT subject, API key, or client address when unauthenticated):
   * {@code burst} requests at once, refilled at {@code requestsPerSecond}; and a cap on the
   * forwarded requests each caller has in flight.
   */
  interface RateLimit {

    /** Turns both the token buckets and the cap on requests in flight on or off. */
    @WithDefault("true")
    boolean enabled();

    /** Sustained requests per second per caller. */
    @WithDefault("50")
    double requestsPerSecond();

    /** Bucket size: requests a caller may send at once after being idle. */
    @WithDefault("100")
    int burst();

    /**
     * Forwarded requests a caller may have in flight at once (each holds an upstream connection
     * while it lasts); more are answered 429 without reaching the service. -1: no cap.
     */
    @WithDefault("32")
    int maxInFlight();
  }

  /** Opens after consecutive upstream failures, answers 503 for a cool-down, then probes once. */
  interface CircuitBreaker {

    @WithDefault("true")
    boolean enabled();

    /** Consecutive failures (no answer, 502, 503, 504) of one upstream that open its circuit. */
    @WithDefault("5")
    int failureThreshold();

    /** How long an open circuit answers 503 before one probe request is let through. */
    @WithDefault("10s")
    Duration openDuration();
  }

  /** Where API keys live and how the tokens the gateway mints for them look. */
  interface ApiKeys {

    /**
     * The PEM (PKCS#8) private key that signs the tokens minted for API keys; services must trust
     * its public key. Without it API keys can still be managed but not used (503).
     */
    Optional<String> signingKeyLocation();

    /** The {@code kid} header of minted tokens. */
    @WithDefault("tollgate-gateway")
    String signingKeyId();

    /** Lifetime of a minted token; the gateway reuses one per key until shortly before expiry. */
    @WithDefault("5m")
    Duration tokenTtl();

    /**
     * How long a looked-up key is trusted without asking the database again; a revocation on
     * another gateway instance takes effect after at most this long.
     */
    @WithDefault("30s")
    Duration cacheTtl();
  }
}
