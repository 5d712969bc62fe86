package io.tollgate.project.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;

/**
 * Thresholds of the health rating (DOMAIN.md defaults); each can be set by environment variable.
 */
@ConfigMapping(prefix = "tollgate.health")
public interface HealthConfig {

  /** CPI below this is RED. */
  @WithDefault("0.8")
  BigDecimal cpiRedBelow();

  /** CPI below this (and not below the red threshold) is AMBER. */
  @WithDefault("0.95")
  BigDecimal cpiAmberBelow();

  /** Open risks of these levels make the project RED. */
  @WithDefault("CRITICAL")
  Set<String> riskRedLevels();

  /** Open risks of these levels make the project AMBER. */
  @WithDefault("HIGH")
  Set<String> riskAmberLevels();

  /** A KPI missing its target this many measurements in a row makes the project AMBER. */
  @WithDefault("2")
  int kpiMissesForAmber();

  /**
   * How often every open project is re-evaluated, so that a milestone becoming late by the calendar
   * alone changes the rating; 0 turns it off.
   */
  @WithDefault("1h")
  Duration reevaluationInterval();

  /** How many project ids a re-evaluation pass reads per query, so that it holds only a page. */
  @WithDefault("500")
  int reevaluationPageSize();
}
