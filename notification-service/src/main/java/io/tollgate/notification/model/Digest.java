package io.tollgate.notification.model;

/** Whether notifications go out one by one or gathered. */
public enum Digest {
  IMMEDIATE,
  HOURLY,
  DAILY
}
