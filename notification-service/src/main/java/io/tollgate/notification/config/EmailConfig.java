package io.tollgate.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The EMAIL channel beyond the SMTP connection itself (which is {@code quarkus.mailer.*}): how
 * often digests are looked for and how long one digest round may take before another replica
 * repeats it.
 */
@ConfigMapping(prefix = "tollgate.email")
public interface EmailConfig {

  /** How often the digest mailer looks for digests that are due. */
  @WithDefault("30s")
  Duration digestInterval();

  /**
   * How long a claimed digest stays with the replica that claimed it: a crash while sending lets
   * another replica send it again after this.
   */
  @WithDefault("5m")
  Duration digestLease();

  /** At most this many notifications are listed in one digest; the rest are counted. */
  @WithDefault("200")
  int digestMaxItems();
}
