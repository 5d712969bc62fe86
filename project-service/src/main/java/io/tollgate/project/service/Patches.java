package io.tollgate.project.service;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.rest.MergePatch;
import io.tollgate.rest.Problem;
import io.tollgate.rest.ProblemException;
import io.tollgate.rest.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Applies merge patches through {@link MergePatch}; when a patched value cannot be read (a word
 * where a decimal belongs), the problem names the field, as it does for a create.
 */
@ApplicationScoped
public class Patches {

  private final MergePatch mergePatch;
  private final ObjectMapper mapper;

  Patches(MergePatch mergePatch, ObjectMapper mapper) {
    this.mergePatch = mergePatch;
    this.mapper = mapper;
  }

  public <T> T apply(T current, JsonNode patch) {
    try {
      return mergePatch.apply(current, patch);
    } catch (ProblemException e) {
      if (e.type() != ProblemType.VALIDATION || !e.violations().isEmpty()) {
        throw e;
      }
      throw fieldOf(current, patch).orElse(e);
    }
  }

  private java.util.Optional<ProblemException> fieldOf(Object current, JsonNode patch) {
    JsonNode merged = merge(mapper.valueToTree(current), patch);
    try {
      mapper.treeToValue(merged, current.getClass());
      return java.util.Optional.empty();
    } catch (JsonMappingException e) {
      String field =
          e.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()))
              .collect(Collectors.joining("."));
      if (field.isEmpty()) {
        return java.util.Optional.empty();
      }
      String expected =
          e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException bad
                  && bad.getTargetType() != null
              ? describe(bad.getTargetType())
              : "value of the right type";
      return java.util.Optional.of(
          ProblemException.invalid(
              List.of(new Problem.Violation(field, "must be a valid " + expected))));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return java.util.Optional.empty();
    }
  }

  private static String describe(Class<?> type) {
    if (type.isEnum()) {
      return "one of "
          + java.util.Arrays.stream(type.getEnumConstants())
              .map(String::valueOf)
              .collect(Collectors.joining(", "));
    }
    return switch (type.getSimpleName()) {
      case "BigDecimal" -> "decimal number";
      case "LocalDate" -> "date (YYYY-MM-DD)";
      case "Integer", "int" -> "whole number";
      default -> type.getSimpleName();
    };
  }

  /** RFC 7386, to locate the field a conversion failed on. */
  private static JsonNode merge(JsonNode target, JsonNode patch) {
    if (patch == null || !patch.isObject()) {
      return patch;
    }
    ObjectNode result =
        target != null && target.isObject()
            ? ((ObjectNode) target).deepCopy()
            : ((ObjectNode) patch).objectNode();
    patch
        .fields()
        .forEachRemaining(
            f -> {
              if (f.getValue().isNull()) {
                result.remove(f.getKey());
              } else {
                result.set(f.getKey(), merge(result.get(f.getKey()), f.getValue()));
              }
            });
    return result;
  }
}
