package io.tollgate.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** How the dispatcher sends deliveries (ADR 0026); every setting can be set by environment. */
@ConfigMapping(prefix = "tollgate.webhooks")
public interface WebhooksConfig {

  /**
   * The waits after each failed attempt of a round: after the last one fails, the delivery is DEAD.
   * Their count is the number of retries (one attempt more than delays).
   */
  @WithDefault("5s,30s,2m,10m,30m,1h,3h,6h")
  List<Duration> retryDelays();

  /** How long one attempt may take, connecting included, before it counts as failed. */
  @WithDefault("10s")
  Duration timeout();

  /** How many due deliveries one dispatcher round claims at most. */
  @WithDefault("50")
  int batchSize();

  /** How often the dispatcher looks for due deliveries (after the previous round ended). */
  @WithDefault("500ms")
  Duration pollInterval();

  /** How many deliveries one instance sends at the same time. */
  @WithDefault("8")
  int maxParallel();

  /**
   * Whether a webhook's URL may be plain http; false in deployments, so that events and their
   * signatures cross the network encrypted only (a subscription's URL must then be https).
   */
  @WithDefault("true")
  boolean allowHttp();

  /**
   * Whether a webhook may be sent to a loopback, private, link-local or otherwise internal address.
   * False by default, so that a subscriber cannot make this service call (and log the answers of)
   * internal endpoints such as metrics or a cloud's metadata service; the local launcher, whose
   * receivers are on the same machine, sets it true.
   */
  @WithDefault("false")
  boolean allowPrivateTargets();
}
