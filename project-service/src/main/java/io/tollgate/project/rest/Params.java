package io.tollgate.project.rest;

import io.tollgate.rest.ProblemException;
import io.tollgate.rest.Rfc3339;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Parses date query parameters so that a bad value is a 400 naming the parameter. */
final class Params {

  private Params() {}

  static LocalDate date(String parameter, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      LocalDate date = LocalDate.parse(value.trim());
      if (Rfc3339.hasFourDigitYear(date)) {
        return date;
      }
    } catch (DateTimeParseException e) {
      // answered below
    }
    throw ProblemException.invalid(parameter, "must be a date (YYYY-MM-DD)");
  }

  static OffsetDateTime instant(String parameter, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      OffsetDateTime instant = OffsetDateTime.parse(value.trim());
      if (Rfc3339.hasFourDigitYear(instant)) {
        return instant;
      }
    } catch (DateTimeParseException e) {
      // answered below
    }
    throw ProblemException.invalid(
        parameter, "must be a timestamp (RFC 3339, e.g. 2026-03-01T12:00:00Z)");
  }

  /**
   * An instant (RFC 3339), or a date (YYYY-MM-DD) read as the last moment of that day in UTC, as
   * the endpoints that take a date read it: a client with one date picker asks every as-of read the
   * same way.
   */
  static OffsetDateTime instantOrEndOfDay(String parameter, String value) {
    if (value != null && DATE_ONLY.matcher(value.trim()).matches()) {
      LocalDate date = date(parameter, value);
      // a microsecond before midnight: PostgreSQL keeps microseconds, and rounds finer ones up
      return date.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC).minusNanos(1_000);
    }
    try {
      return instant(parameter, value);
    } catch (ProblemException e) {
      throw ProblemException.invalid(
          parameter,
          "must be a timestamp (RFC 3339, e.g. 2026-03-01T12:00:00Z) or a date (YYYY-MM-DD, the"
              + " end of that day in UTC)");
    }
  }

  private static final Pattern DATE_ONLY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  /** Refuses a range whose end comes before its start. */
  static void inOrder(String fromName, Object from, String toName, Object to) {
    if (from != null && to != null && ((Comparable<Object>) from).compareTo(to) > 0) {
      throw ProblemException.invalid(toName, "must not be before " + fromName + " " + from);
    }
  }
}
