package io.tollgate.rest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads one request's query parameters so that a single 400 names every bad one, as a body's
 * violations come together: read one at a time, {@code ?size=500&sort=bogus} named {@code sort}
 * alone, and {@code size} only once the client had mended it.
 *
 * <pre>{@code
 * QueryCheck query = new QueryCheck();
 * LocalDate from = query.read(() -> Params.date("from", fromText));
 * PageRequest page = query.page(paging);
 * query.requireValid(); // before any value read is used
 * }</pre>
 */
public final class QueryCheck {

  private final List<Problem.Violation> violations = new ArrayList<>();

  /**
   * The value {@code reader} reads, or null when it refuses the parameter; the refusal is kept for
   * {@link #requireValid}.
   */
  public <T> T read(Supplier<T> reader) {
    try {
      return reader.get();
    } catch (ProblemException e) {
      if (e.type() != ProblemType.VALIDATION || e.violations().isEmpty()) {
        throw e;
      }
      // a parameter read twice (size, by page) is named once
      e.violations().stream().filter(v -> !violations.contains(v)).forEach(violations::add);
      return null;
    }
  }

  /**
   * Runs a check across parameters (a range in order), keeping its refusal as {@link #read} does.
   */
  public void check(Runnable check) {
    read(
        () -> {
          check.run();
          return null;
        });
  }

  /** Refuses a parameter that must be there (named once, however often it is asked for). */
  public void require(String parameter, Object value) {
    if (value == null && violations.stream().noneMatch(v -> v.field().equals(parameter))) {
      violations.add(new Problem.Violation(parameter, "is required"));
    }
  }

  /**
   * The page that {@code page} and {@code size} ask for. {@link PageRequest.Params#toRequest} stops
   * at a page that is no whole number, hiding what is wrong with size ({@code ?page=x&size=500}),
   * so then size is read on its own too.
   */
  public PageRequest page(PageRequest.Params paging) {
    PageRequest page = read(paging::toRequest);
    if (page == null) {
      PageRequest.Params sizeAlone = new PageRequest.Params();
      sizeAlone.size = paging.size;
      read(sizeAlone::toRequest);
    }
    return page;
  }

  /** Refuses the request with every parameter refused so far, if any, sorted by name. */
  public void requireValid() {
    if (!violations.isEmpty()) {
      List<Problem.Violation> sorted = new ArrayList<>(violations);
      sorted.sort(Comparator.comparing(Problem.Violation::field));
      throw ProblemException.invalid(List.copyOf(sorted));
    }
  }
}
