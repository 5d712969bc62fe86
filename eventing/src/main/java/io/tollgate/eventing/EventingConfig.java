package io.tollgate.eventing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the outbox relay; every one can be set by environment variable. */
@ConfigMapping(prefix = "tollgate.outbox")
public interface EventingConfig {

  /** Whether this instance runs a relay (turn off on read-only replicas). */
  @WithDefault("true")
  boolean relayEnabled();

  /** How often the relay sweeps for rows that a commit signal did not cover. */
  @WithDefault("1s")
  Duration sweepInterval();

  /** How many rows one relay round publishes at most. */
  @WithDefault("500")
  int batchSize();

  /**
   * How long the relay waits after a round that published at least {@link #lingerThreshold()} rows
   * before it starts the next: under load the following round then carries what accumulated
   * meanwhile, so that fewer, larger rounds cost the database less per event. Zero turns it off.
   */
  @WithDefault("5ms")
  Duration linger();

  /** How many rows a round must publish for the relay to linger before the next (see linger). */
  @WithDefault("8")
  int lingerThreshold();

  /** How long the relay waits for the broker's acknowledgements before trying again. */
  @WithDefault("10s")
  Duration sendTimeout();

  /** How often the outbox's pending count and oldest age are sampled for the metrics. */
  @WithDefault("5s")
  Duration metricsInterval();

  /** The CloudEvents {@code source} of this service's events. */
  @WithDefault("/${quarkus.application.name}")
  String source();
}
