package io.tollgate.risk.rest;

import io.tollgate.rest.PageRequest;
import io.tollgate.rest.Problem;
import io.tollgate.rest.ProblemException;
import io.tollgate.rest.ProblemType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads one request's query parameters so that a single 400 names every bad one, as a body's
 * violations come together (as project-service's QueryCheck).
 */
final class QueryCheck {

  private final List<Problem.Violation> violations = new ArrayList<>();

  /** The value {@code reader} reads, or null when it refuses the parameter (kept for later). */
  <T> T read(Supplier<T> reader) {
    try {
      return reader.get();
    } catch (ProblemException e) {
      if (e.type() != ProblemType.VALIDATION || e.violations().isEmpty()) {
        throw e;
      }
      e.violations().stream().filter(v -> !violations.contains(v)).forEach(violations::add);
      return null;
    }
  }

  /** Refuses a parameter that must be there. */
  void require(String parameter, Object value) {
    if (value == null) {
      Problem.Violation missing = new Problem.Violation(parameter, "is required");
      if (violations.stream().noneMatch(v -> v.field().equals(parameter))) {
        violations.add(missing);
      }
    }
  }

  /** The page that {@code page} and {@code size} ask for; size is judged even when page fails. */
  PageRequest page(PageRequest.Params paging) {
    PageRequest page = read(paging::toRequest);
    if (page == null) {
      PageRequest.Params sizeAlone = new PageRequest.Params();
      sizeAlone.size = paging.size;
      read(sizeAlone::toRequest);
    }
    return page;
  }

  /** Refuses the request with every parameter refused so far, if any, sorted by name. */
  void requireValid() {
    if (!violations.isEmpty()) {
      List<Problem.Violation> sorted = new ArrayList<>(violations);
      sorted.sort(Comparator.comparing(Problem.Violation::field));
      throw ProblemException.invalid(List.copyOf(sorted));
    }
  }
}
