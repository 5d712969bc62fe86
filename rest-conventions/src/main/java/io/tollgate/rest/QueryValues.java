package io.tollgate.rest;

import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
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

  /** The whole number {@code value} names, or {@code fallback} when absent. */
  public static int wholeNumber(String parameter, String value, int fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw ProblemException.invalid(parameter, "must be a whole number");
    }
  }

  /**
   * The whole number of at least 1 that {@code value} names, or null when absent: a sequence or a
   * version that pins a list while a client pages through it.
   */
  public static Long positiveLong(String parameter, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    long number;
    try {
      number = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw ProblemException.invalid(parameter, "must be a whole number");
    }
    if (number < 1) {
      throw ProblemException.invalid(parameter, "must be 1 or more");
    }
    return number;
  }

  /**
   * The values of a parameter that may repeat ({@code ?phase=EXECUTION&phase=TESTING}), each an
   * enum constant's name; empty when absent (any value).
   */
  public static <E extends Enum<E>> java.util.Set<E> enumValues(
      Class<E> type, String parameter, java.util.List<String> values) {
    java.util.Set<E> set = java.util.EnumSet.noneOf(type);
    if (values != null) {
      for (String value : values) {
        E e = enumValue(type, parameter, value);
        if (e != null) {
          set.add(e);
        }
      }
    }
    return set;
  }

  /** A UUID, or {@code null} when absent. */
  public static UUID uuid(String parameter, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.trim();
    try {
      // fromString also takes shortened forms such as 1-2-3-4-5
      if (text.length() == 36) {
        return UUID.fromString(text);
      }
    } catch (IllegalArgumentException e) {
      // refused below
    }
    throw ProblemException.invalid(parameter, "must be a UUID");
  }

  /** An order of a list: a key and its direction. */
  public record Sorting<E extends Enum<E>>(E key, boolean descending) {}

  /**
   * The order {@code value} of the {@code sort} parameter names: a key in camelCase ({@code
   * targetDate} for {@code TARGET_DATE}), with a leading {@code -} for descending; {@code
   * fallback}, ascending, when absent.
   */
  public static <E extends Enum<E>> Sorting<E> sorting(Class<E> keys, String value, E fallback) {
    if (value == null || value.isBlank()) {
      return new Sorting<>(fallback, false);
    }
    String v = value.trim();
    boolean descending = v.startsWith("-");
    String name = v.replaceFirst("^[-+]", "").replaceAll("([a-z])([A-Z])", "$1_$2");
    try {
      return new Sorting<>(Enum.valueOf(keys, name.toUpperCase(Locale.ROOT)), descending);
    } catch (IllegalArgumentException e) {
      String allowed =
          Arrays.stream(keys.getEnumConstants())
              .map(QueryValues::camelCase)
              .collect(Collectors.joining(", "));
      throw ProblemException.invalid(
          "sort", "must be one of " + allowed + ", optionally with a leading - for descending");
    }
  }

  /** {@code TARGET_DATE} as a client writes it: {@code targetDate}. */
  public static String camelCase(Enum<?> key) {
    StringBuilder name = new StringBuilder();
    for (String part : key.name().toLowerCase(Locale.ROOT).split("_")) {
      name.append(
          name.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
    }
    return name.toString();
  }

  /** {@code true} or {@code false} (case-insensitive), or {@code fallback} when absent. */
  public static boolean booleanValue(String parameter, String value, boolean fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ProblemException.invalid(parameter, "must be true or false");
    };
  }
}
