package io.tollgate.eventing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How long the inbox remembers the events it processed; every setting can be set by environment
 * variable ({@code TOLLGATE_RETENTION_INBOX=21d}).
 */
@ConfigMapping(prefix = "tollgate.retention")
public interface RetentionConfig {

  /** Whether this instance deletes old records (one replica is enough; more do no harm). */
  @WithDefault("true")
  boolean enabled();

  /**
   * How long a consumer remembers an event it processed. It must be longer than the event topics
   * are kept on the broker (Kafka's default is 7 days): an event redelivered after its record was
   * deleted, by a consumer group reset for instance, would act a second time.
   */
  @WithDefault("14d")
  Duration inbox();

  /** How often old records are looked for. */
  @WithDefault("10m")
  Duration interval();

  /** How many records one transaction deletes at most; a run goes on until none old is left. */
  @WithDefault("1000")
  int batchSize();
}
