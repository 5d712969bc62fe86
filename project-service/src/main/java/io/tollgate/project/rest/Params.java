package io.tollgate.project.rest;

import io.tollgate.rest.ProblemException;
import io.tollgate.rest.Rfc3339;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

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

  /** Refuses a range whose end comes before its start. */
  static void inOrder(String fromName, Object from, String toName, Object to) {
    if (from != null && to != null && ((Comparable<Object>) from).compareTo(to) > 0) {
      throw ProblemException.invalid(toName, "must not be before " + fromName + " " + from);
    }
  }
}
