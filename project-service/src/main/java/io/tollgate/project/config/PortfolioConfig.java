package io.tollgate.project.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Bounds of the portfolio view; each can be set by environment variable. */
@ConfigMapping(prefix = "tollgate.portfolio")
public interface PortfolioConfig {

  /**
   * How many projects the portfolio computes figures for in one request, when its order or filter
   * needs every matching project's figures (any sort but {@code key}, or a {@code health} filter).
   * Beyond it the request is refused with a hint to narrow it: the figures of every project are
   * held in memory at once, and the database takes at most 32,767 ids in one query.
   */
  @WithDefault("5000")
  int computedLimit();
}
