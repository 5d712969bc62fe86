package io.tollgate.rest;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies an RFC 7386 JSON merge patch to the writable view of a resource and validates the result.
 * Fields outside the writable view (ids, versions, computed values) are refused by name, so a
 * client cannot mass-assign them.
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
   * @return the writable view with the patch applied, validated
   */
  @SuppressWarnings("unchecked")
  public <T> T apply(T current, JsonNode patch) {
    if (patch == null || !patch.isObject()) {
      throw new ProblemException(ProblemType.MALFORMED_BODY, "a merge patch must be a JSON object");
    }
    ObjectNode target = mapper.valueToTree(current);
    List<Problem.Violation> unknown = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      String field = it.next().getKey();
      if (!target.has(field)) {
        unknown.add(new Problem.Violation(field, "is not a writable field"));
      }
    }
    if (!unknown.isEmpty()) {
      throw ProblemException.invalid(unknown);
    }
    JsonNode merged = merge(target, patch);
    T result;
    try {
      result = (T) mapper.treeToValue(merged, current.getClass());
    } catch (JsonMappingException e) {
      // a word where a decimal belongs: name the field, as a create's body would, with every
      // other violation of the patched resource
      throw FieldErrors.violationOf(e)
          .map(
              violation ->
                  ProblemException.invalid(
                      allViolations
                          .of(merged, mapper.constructType(current.getClass()))
                          .orElse(List.of(violation))))
          .orElseGet(() -> new ProblemException(ProblemType.VALIDATION, e.getOriginalMessage()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ProblemException(ProblemType.VALIDATION, e.getOriginalMessage());
    }
    Set<ConstraintViolation<T>> violations = validator.validate(result);
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
    return result;
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
