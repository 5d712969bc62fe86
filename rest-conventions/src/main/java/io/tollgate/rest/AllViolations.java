package io.tollgate.rest;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every violation of a body that Jackson could not read, in one answer: Jackson stops at the first
 * value it cannot read ({@code "methodology":"BAD"}), so the fields' own constraints ({@code
 * "name": ""}) and the rules across them were not reported with it. This reads the body again,
 * leaving out each value that cannot be read until the rest reads, then validates what was read;
 * only a body that is not JSON, or whose value cannot be left out, stays with its first violation
 * alone.
 */
@ApplicationScoped
public class AllViolations {

  /** At most this many values are left out, each costing a read of the body. */
  private static final int MAX_UNREADABLE = 50;

  private final ObjectMapper mapper;
  private final Validator validator;

  AllViolations(ObjectMapper mapper, Validator validator) {
    this.mapper = mapper;
    this.validator = validator;
  }

  /**
   * The violations of {@code body} read as {@code type}, sorted by field, or empty when they cannot
   * all be found (the caller then reports the first alone).
   */
  public Optional<List<Problem.Violation>> of(JsonNode body, JavaType type) {
    return of(
        body,
        type,
        value -> value instanceof CrossFieldRules rules ? rules.ruleViolations() : List.of());
  }

  /**
   * As {@link #of(JsonNode, JavaType)}, with {@code rules} for the rules across the fields of what
   * was read, where they are not (only) the body's own {@link CrossFieldRules}: a merge patch's may
   * judge the patched resource against the resource as it was ({@link MergePatch}).
   */
  public Optional<List<Problem.Violation>> of(
      JsonNode body, JavaType type, Function<Object, List<Problem.Violation>> rules) {
    if (body == null || !body.isObject()) {
      return Optional.empty();
    }
    JsonNode readable = body.deepCopy();
    List<Problem.Violation> found = new ArrayList<>();
    for (int left = 0; left <= MAX_UNREADABLE; left++) {
      Object value;
      try {
        value = mapper.readerFor(type).readValue(mapper.treeAsTokens(readable));
      } catch (JsonMappingException e) {
        Optional<Problem.Violation> violation = FieldErrors.violationOf(e);
        if (violation.isEmpty() || !leaveOut(readable, e.getPath())) {
          return Optional.empty();
        }
        found.add(violation.get());
        continue;
      } catch (IOException e) {
        return Optional.empty();
      }
      if (found.isEmpty() || value == null) {
        // read at once: nothing was unreadable after all, so the first answer stands
        return Optional.empty();
      }
      List<Problem.Violation> all = new ArrayList<>(found);
      for (ConstraintViolation<Object> v : validator.validate(value)) {
        add(all, found, new Problem.Violation(ProblemMappers.fieldOf(v), v.getMessage()));
      }
      rules.apply(value).forEach(v -> add(all, found, v));
      all.sort(Comparator.comparing(Problem.Violation::field));
      return Optional.of(List.copyOf(all));
    }
    return Optional.empty();
  }

  /**
   * Adds {@code v} unless it is about a value already refused as unreadable, or inside one (left
   * out, it reads as missing: "must not be null" would be a second, wrong reason).
   */
  private static void add(
      List<Problem.Violation> all, List<Problem.Violation> unreadable, Problem.Violation v) {
    for (Problem.Violation refused : unreadable) {
      String field = refused.field();
      if (v.field().equals(field)
          || v.field().startsWith(field + ".")
          || v.field().startsWith(field + "[")) {
        return;
      }
    }
    if (!all.contains(v)) {
      all.add(v);
    }
  }

  /**
   * Removes the value at {@code path} from {@code body}: a field is left out, an element of an
   * array becomes null (so that the others keep their indexes). False when the path leads nowhere.
   */
  private static boolean leaveOut(JsonNode body, List<JsonMappingException.Reference> path) {
    if (path.isEmpty()) {
      return false;
    }
    JsonNode parent = body;
    for (JsonMappingException.Reference ref : path.subList(0, path.size() - 1)) {
      parent =
          ref.getFieldName() != null ? parent.get(ref.getFieldName()) : parent.get(ref.getIndex());
      if (parent == null) {
        return false;
      }
    }
    JsonMappingException.Reference last = path.get(path.size() - 1);
    if (last.getFieldName() != null && parent instanceof ObjectNode object) {
      return object.remove(last.getFieldName()) != null;
    }
    if (last.getIndex() >= 0
        && parent instanceof ArrayNode array
        && last.getIndex() < array.size()
        && !array.get(last.getIndex()).isNull()) {
      array.set(last.getIndex(), NullNode.getInstance());
      return true;
    }
    return false;
  }
}
