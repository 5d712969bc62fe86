package io.tollgate.milestone.model;

/** Buffer consumption zone (fever chart): below 1/3 ON_TRACK, below 1 AT_RISK, else OFF_TRACK. */
public enum Zone {
  ON_TRACK,
  AT_RISK,
  OFF_TRACK
}
