package io.tollgate.rest;

import java.util.List;
import java.util.Map;

/**
 * A failure that the API reports as a specific problem type; thrown by the service layer and turned
 * into {@code application/problem+json} by {@link ProblemMappers}.
 */
public class ProblemException extends RuntimeException {

  private final ProblemType type;
  private final List<Problem.Violation> violations;
  private final Map<String, Object> extensions;

  public ProblemException(ProblemType type, String detail) {
    this(type, detail, List.of(), Map.of());
  }

  public ProblemException(
      ProblemType type,
      String detail,
      List<Problem.Violation> violations,
      Map<String, Object> extensions) {
    super(detail);
    this.type = type;
    this.violations = violations;
    this.extensions = extensions;
  }

  public ProblemType type() {
    return type;
  }

  public List<Problem.Violation> violations() {
    return violations;
  }

  public Map<String, Object> extensions() {
    return extensions;
  }

  public static ProblemException notFound(String what, Object id) {
    return new ProblemException(ProblemType.NOT_FOUND, what + " " + id + " does not exist");
  }

  public static ProblemException conflict(String detail) {
    return new ProblemException(ProblemType.CONFLICT, detail);
  }

  public static ProblemException invalid(String field, String message) {
    return new ProblemException(
        ProblemType.VALIDATION,
        "1 field is not valid",
        List.of(new Problem.Violation(field, message)),
        Map.of());
  }

  public static ProblemException invalid(List<Problem.Violation> violations) {
    String detail =
        violations.size() == 1
            ? "1 field is not valid"
            : violations.size() + " fields are not valid";
    return new ProblemException(ProblemType.VALIDATION, detail, violations, Map.of());
  }
}
