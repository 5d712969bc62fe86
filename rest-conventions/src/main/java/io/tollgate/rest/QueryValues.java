package io.tollgate.rest;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parses query parameters so that a bad value is a 400 naming the parameter, not a bare 404. */
public final class QueryValues {

  private QueryValues() {}

  /** The enum constant named by {@code value} (case-insensitive), or {@code null} when absent. */
  public static <E extends Enum<E>> E enumValue(Class<E> type, String parameter, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      String allowed =
          Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
      throw ProblemException.invalid(parameter, "must be one of " + allowed);
    }
  }
}
