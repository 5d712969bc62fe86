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
   * How long a consumer remembers an event it processed: long enough for every redelivery (a
   * rebalance, a crash before the offset moved). The topics keep every event (ADR 0020); an older
   * one that comes again, in a replay from the earliest offset, is dropped by the read model it
   * would update, which applies only what is newer than what it holds.
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
