package io.tollgate.rest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * The dates and timestamps the API documents: RFC 3339's, whose years have four digits (0000-9999).
 * Java reads more (year +99999999 or -4000), which PostgreSQL then refuses or which no client
 * means.
 */
public final class Rfc3339 {

  private Rfc3339() {}

  /** Whether {@code value}, a date or a timestamp, falls in years 0000-9999. */
  public static boolean hasFourDigitYear(TemporalAccessor value) {
    int year =
        value instanceof Instant instant
            ? instant.atOffset(ZoneOffset.UTC).getYear()
            : value.get(ChronoField.YEAR);
    return year >= 0 && year <= 9999;
  }
}
