package io.tollgate.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    return brokenJson(e);
  }

  /** What Jackson's message says it found where another type was expected. */
  private static final Pattern FOUND =
      Pattern.compile("from (String|Number|Integer|Floating-point|Boolean|Array|Object) value");

  /** Where Jackson's message says where an unclosed object or array began. */
  private static final Pattern UNCLOSED =
      Pattern.compile(
          "expected close marker for (Object|Array) \\(start marker at \\[.*?line: (\\d+), column:"
              + " (\\d+)\\]\\)");

  /**
   * Jackson's reason for JSON it cannot parse, in plain words and with where it is: its own message
   * quotes its internals ({@code [Source: REDACTED (`StreamReadFeature...` disabled)]}).
   */
  private static String brokenJson(JsonProcessingException e) {
    String message = String.valueOf(e.getOriginalMessage());
    Matcher unclosed = UNCLOSED.matcher(message);
    if (message.startsWith("Unexpected end-of-input") && unclosed.find()) {
      return "the request body ends before the %s that begins at line %s, column %s is closed"
          .formatted(
              unclosed.group(1).equals("Object") ? "object" : "array",
              unclosed.group(2),
              unclosed.group(3));
    }
    String where =
        e.getLocation() == null
            ? ""
            : " at line %d, column %d"
                .formatted(e.getLocation().getLineNr(), e.getLocation().getColumnNr());
    if (message.startsWith("Unexpected end-of-input")) {
      return "the request body ends" + where + ", in the middle of a JSON value";
    }
    String reason =
        message
            .replaceAll("\\s*\\(start marker at \\[Source: [^\\]]*\\]\\)", "")
            .replaceAll("\\s*\\[Source: [^\\]]*\\]", "")
            .replaceAll(" \\(code \\d+\\)", "")
            .replaceAll("\\(('.*?')\\)", "$1")
            .replaceAll("\\s*\\(\\s*\\)", "")
            .replaceAll("(?s)\\n.*", "")
            .strip();
    if (!reason.isEmpty()) {
      reason = Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
    }
    return "the request body is not valid JSON" + where + (reason.isEmpty() ? "" : ": " + reason);
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
      return Optional.of(new Problem.Violation(field, expected(mismatch)));
    }
    return Optional.empty();
  }

  /**
   * What a value of the wrong JSON type should have been ({@code "budget":"5 EUR"}: an object with
   * amount and currency), and what it was.
   */
  private static String expected(MismatchedInputException e) {
    Class<?> type = e.getTargetType();
    // Jackson's message says what it found ("... from String value"), its parser may have moved on
    Matcher found = FOUND.matcher(String.valueOf(e.getOriginalMessage()));
    JsonToken token = e.getProcessor() instanceof JsonParser parser ? parser.currentToken() : null;
    String was =
        found.find()
            ? switch (found.group(1)) {
              case "String" -> ", not text";
              case "Number", "Integer", "Floating-point" -> ", not a number";
              case "Boolean" -> ", not a boolean";
              case "Array" -> ", not an array";
              case "Object" -> ", not an object";
              default -> "";
            }
            : token == null
                ? ""
                : switch (token) {
                  case VALUE_STRING -> ", not text";
                  case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> ", not a number";
                  case VALUE_TRUE, VALUE_FALSE -> ", not a boolean";
                  case START_ARRAY -> ", not an array";
                  case START_OBJECT -> ", not an object";
                  default -> "";
                };
    if (type == null) {
      return "has the wrong type";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "must be a JSON array" + was;
    }
    if (type == String.class) {
      return "must be text (a JSON string)" + was;
    }
    if (type.isEnum()) {
      return "must be " + describe(type) + was;
    }
    if (type.isRecord()) {
      String fields =
          Arrays.stream(type.getRecordComponents())
              .map(RecordComponent::getName)
              .collect(Collectors.joining(", "));
      return "must be a JSON object with " + fields.replaceFirst(", ([^,]*)$", " and $1") + was;
    }
    if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != Boolean.TYPE)) {
      return "must be a number" + was;
    }
    if (type == Boolean.class || type == Boolean.TYPE) {
      return "must be true or false" + was;
    }
    return "must be a valid " + describe(type) + was;
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
