package io.tollgate.rest;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns a JSON value that cannot be read into the violation a client can act on: the field, by its
 * path, and what it must be. One wording for request bodies and merge patches alike.
 */
final class FieldErrors {

  private FieldErrors() {}

  /**
   * The violation {@code e} describes, or empty when it names no field (the JSON is broken, or the
   * body as a whole has the wrong shape: see {@link #malformed}).
   */
  static Optional<Problem.Violation> violationOf(JsonProcessingException e) {
    // in a nested object Jackson wraps the parser's exception in one that has the outer path
    Throwable cause = e instanceof JsonMappingException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof StreamReadException read
        && read.getProcessor() != null
        && String.valueOf(read.getOriginalMessage()).startsWith("Duplicate field")) {
      // the parser stops at the second occurrence, so its context is the repeated name's path
      String field = dotted(read.getProcessor().getParsingContext().pathAsPointer());
      return Optional.of(new Problem.Violation(field, "appears more than once"));
    }
    return e instanceof JsonMappingException mapping ? mappingViolation(mapping) : Optional.empty();
  }

  /** What is wrong with a body that names no field: broken JSON, or not the object expected. */
  static String malformed(JsonProcessingException e) {
    if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
      // StrictJsonInput: the value was whole, and something followed it
      return "the request body must hold one JSON value and nothing after it"
          + (e.getLocation() == null
              ? ""
              : " (more begins at line %d, column %d)"
                  .formatted(e.getLocation().getLineNr(), e.getLocation().getColumnNr()));
    }
    if (e instanceof MismatchedInputException mismatch
        && mismatch.getPath().isEmpty()
        && mismatch.getTargetType() != null
        && !String.valueOf(mismatch.getOriginalMessage()).contains("end-of-input")) {
      Class<?> type = mismatch.getTargetType();
      boolean array = type.isArray() || Collection.class.isAssignableFrom(type);
      return "the request body must be a JSON " + (array ? "array" : "object");
    }
    return e.getOriginalMessage();
  }

  private static Optional<Problem.Violation> mappingViolation(JsonMappingException e) {
    String field = path(e);
    if (field.isEmpty()) {
      return Optional.empty();
    }
    if (e.getCause() instanceof InputCoercionException tooLarge) {
      return Optional.of(new Problem.Violation(field, outOfRange(tooLarge)));
    }
    if (e instanceof UnrecognizedPropertyException) {
      return Optional.of(new Problem.Violation(field, "is not a known or writable field"));
    }
    if (e instanceof StrictJsonInput.Refused refused && refused.violation() != null) {
      return Optional.of(new Problem.Violation(field, refused.violation()));
    }
    if (e instanceof InvalidFormatException bad) {
      String expected = bad.getTargetType() == null ? "value" : describe(bad.getTargetType());
      return Optional.of(new Problem.Violation(field, "must be a valid " + expected));
    }
    if (e instanceof MismatchedInputException mismatch
        && !String.valueOf(mismatch.getOriginalMessage()).contains("end-of-input")) {
      return Optional.of(new Problem.Violation(field, "has the wrong type"));
    }
    return Optional.empty();
  }

  /** A number too large for its field ({@code 99999999999} for an int), which Jackson wraps. */
  private static String outOfRange(InputCoercionException e) {
    Class<?> type = e.getTargetType();
    if (type == Integer.TYPE || type == Integer.class) {
      return "must be a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
    }
    if (type == Long.TYPE || type == Long.class) {
      return "must be a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
    }
    return "is out of range";
  }

  /**
   * The field's path as violations name it: {@code budget.amount}, {@code overriddenRuleIds[0]}.
   */
  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /** {@code /budget/amount} as {@code budget.amount}, the way violations name fields. */
  private static String dotted(JsonPointer pointer) {
    StringBuilder path = new StringBuilder();
    for (JsonPointer at = pointer; at != null && !at.matches(); at = at.tail()) {
      if (at.getMatchingIndex() >= 0) {
        path.append('[').append(at.getMatchingIndex()).append(']');
      } else {
        path.append(path.length() == 0 ? "" : ".").append(at.getMatchingProperty());
      }
    }
    return path.toString();
  }

  private static String describe(Class<?> type) {
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants())
              .map(String::valueOf)
              .collect(Collectors.joining(", "));
    }
    return switch (type.getSimpleName()) {
      case "LocalDate" -> "date (YYYY-MM-DD)";
      case "OffsetDateTime", "Instant" -> "timestamp (RFC 3339)";
      case "BigDecimal" -> "decimal number";
      case "Integer", "int", "Long", "long" -> "whole number";
      case "UUID" -> "UUID";
      default -> type.getSimpleName();
    };
  }
}
