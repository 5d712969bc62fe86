package io.tollgate.rest;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies an RFC 7386 JSON merge patch to the writable view of a resource and validates the result.
 * Fields outside the writable view (ids, versions, computed values) are refused by name, so a
 * client cannot mass-assign them. Every violation of a patch comes in one answer, as a create's do
 * ({@link AllViolations}, {@link CrossFieldRules}).
 */
@ApplicationScoped
public class MergePatch {

  public static final String MEDIA_TYPE = "application/merge-patch+json";

  private final ObjectMapper mapper;
  private final Validator validator;
  private final AllViolations allViolations;

  MergePatch(ObjectMapper mapper, Validator validator, AllViolations allViolations) {
    this.mapper = mapper;
    this.validator = validator;
    this.allViolations = allViolations;
  }

  /**
   * @param current the writable view of the resource as it is now
   * @param patch the client's merge patch (must be a JSON object)
   * @return the writable view with the patch applied, validated, its {@link CrossFieldRules} too
   */
  public <T> T apply(T current, JsonNode patch) {
    return apply(
        current,
        patch,
        merged -> merged instanceof CrossFieldRules rules ? rules.ruleViolations() : List.of());
  }

  /**
   * Applies {@code patch} and refuses it with every violation of the result in one answer: fields
   * the view does not have, values that cannot be read, the fields' own constraints and {@code
   * rules}, the rules across fields, which may judge the result against {@code current} (a value
   * only when it changed, say). Checked in stages, one field's mistake hid the others' until the
   * client had mended it.
   *
   * @param rules what the merged result breaks of the rules across its fields; fields that failed
   *     their own constraints may be null, and a rule about one of them is not reported
   */
  @SuppressWarnings("unchecked")
  public <T> T apply(
      T current, JsonNode patch, Function<? super T, List<Problem.Violation>> rules) {
    if (patch == null || !patch.isObject()) {
      throw new ProblemException(ProblemType.MALFORMED_BODY, "a merge patch must be a JSON object");
    }
    ObjectNode target = mapper.valueToTree(current);
    ObjectNode known = ((ObjectNode) patch).deepCopy();
    List<Problem.Violation> violations = new ArrayList<>();
    for (Iterator<String> it = patch.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!target.has(field)) {
        violations.add(new Problem.Violation(field, "is not a writable field"));
        // left out, so that the rest of the patch is judged in the same answer
        known.remove(field);
      }
    }
    JsonNode merged = merge(target, known);
    Class<T> type = (Class<T>) current.getClass();
    T result;
    try {
      result = mapper.treeToValue(merged, type);
    } catch (JsonMappingException e) {
      // a word where a decimal belongs: name the field, as a create's body would, with every
      // other violation of the patched resource
      Optional<Problem.Violation> violation = FieldErrors.violationOf(e);
      if (violation.isEmpty()) {
        throw new ProblemException(ProblemType.VALIDATION, e.getOriginalMessage());
      }
      violations.addAll(
          allViolations
              .of(merged, mapper.constructType(type), read -> rules.apply(type.cast(read)))
              .orElse(List.of(violation.get())));
      throw invalid(violations);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ProblemException(ProblemType.VALIDATION, e.getOriginalMessage());
    }
    Set<String> refused = new HashSet<>();
    for (ConstraintViolation<T> v : validator.validate(result)) {
      Problem.Violation field = new Problem.Violation(ProblemMappers.fieldOf(v), v.getMessage());
      violations.add(field);
      refused.add(field.field());
    }
    rules.apply(result).stream().filter(v -> !refused.contains(v.field())).forEach(violations::add);
    if (!violations.isEmpty()) {
      throw invalid(violations);
    }
    return result;
  }

  private static ProblemException invalid(List<Problem.Violation> violations) {
    List<Problem.Violation> sorted = new ArrayList<>(violations);
    sorted.sort(Comparator.comparing(Problem.Violation::field));
    return ProblemException.invalid(List.copyOf(sorted));
  }

  static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch;
    }
    ObjectNode result =
        target != null && target.isObject()
            ? ((ObjectNode) target).deepCopy()
            : ((ObjectNode) patch).objectNode();
    patch
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().isNull()) {
                result.remove(e.getKey());
              } else {
                result.set(e.getKey(), merge(result.get(e.getKey()), e.getValue()));
              }
            });
    return result;
  }
}
