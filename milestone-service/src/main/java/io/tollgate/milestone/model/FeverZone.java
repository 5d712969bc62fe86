package io.tollgate.milestone.model;

/**
 * A project's zone on the fever chart (DOMAIN.md "Buffers and the fever chart"): GREEN while the
 * project-end buffer consumed is below 15 % + 0.6 x completion, RED from 30 % + 0.6 x completion,
 * else YELLOW.
 */
public enum FeverZone {
  GREEN,
  YELLOW,
  RED
}
