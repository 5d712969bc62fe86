package io.tollgate.rest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * The dates and timestamps the API documents: RFC 3339's, whose years have four digits, from 0001
 * to 9999. Java reads more (year +99999999 or -4000), which PostgreSQL then refuses or which no
 * client means; and year 0000, which RFC 3339 allows, PostgreSQL stores as 1 BC and the driver
 * reads back as year 0001, so a client would get another date than the one it sent.
 */
public final class Rfc3339 {

  private Rfc3339() {}

  /** Whether {@code value}, a date or a timestamp, falls in years 0001-9999. */
  public static boolean hasFourDigitYear(TemporalAccessor value) {
    int year =
        value instanceof Instant instant
            ? instant.atOffset(ZoneOffset.UTC).getYear()
            : value.get(ChronoField.YEAR);
    return year >= 1 && year <= 9999;
  }
}
