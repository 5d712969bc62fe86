package io.tollgate.eventing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of every database session a service opens. */
@ConfigMapping(prefix = "tollgate.database")
public interface DatabaseConfig {

  /**
   * How long PostgreSQL lets a session sit idle inside a transaction before it ends the session (0
   * = never); see {@link SessionLimits}.
   */
  @WithDefault("60s")
  Duration idleInTransactionTimeout();

  /**
   * How long a statement waits for another transaction's lock before PostgreSQL cancels it (0 =
   * forever); see {@link SessionLimits}.
   */
  @WithDefault("10s")
  Duration lockTimeout();

  /**
   * How long the service waits for any answer from PostgreSQL on a connection before it gives the
   * connection up (0 = forever); see {@link SessionLimits}.
   */
  @WithDefault("30s")
  Duration networkTimeout();
}
