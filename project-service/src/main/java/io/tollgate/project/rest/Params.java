package io.tollgate.project.rest;

import io.tollgate.rest.ProblemException;
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
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw ProblemException.invalid(parameter, "must be a date (YYYY-MM-DD)");
    }
  }

  static OffsetDateTime instant(String parameter, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw ProblemException.invalid(
          parameter, "must be a timestamp (RFC 3339, e.g. 2026-03-01T12:00:00Z)");
    }
  }

  /** Refuses a range whose end comes before its start. */
  static void inOrder(String fromName, Object from, String toName, Object to) {
    if (from != null && to != null && ((Comparable<Object>) from).compareTo(to) > 0) {
      throw ProblemException.invalid(toName, "must not be before " + fromName + " " + from);
    }
  }
}
