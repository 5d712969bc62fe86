package io.tollgate.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The gateway's route table and upstream connection settings.
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
}
