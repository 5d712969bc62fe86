package io.tollgate.rest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What a non-negative decimal stored as {@code numeric(19, 4)} (a planned value, a cost impact)
 * breaks of what that column keeps: at most 15 integer digits and 4 decimals, never rounded to fit
 * (ADR 0013).
 */
public final class Decimals {

  /** Integer digits a {@code numeric(19, 4)} keeps. */
  public static final int MAX_INTEGER_DIGITS = 15;

  /** Decimals a {@code numeric(19, 4)} keeps. */
  public static final int MAX_DECIMALS = 4;

  private Decimals() {}

  /** The violations of {@code value}, named {@code field}; none for null. */
  public static List<Problem.Violation> nonNegativeProblems(String field, BigDecimal value) {
    List<Problem.Violation> violations = new ArrayList<>();
    if (value == null) {
      return violations;
    }
    if (value.signum() < 0) {
      violations.add(new Problem.Violation(field, "must be 0 or more"));
    }
    BigDecimal plain = value.stripTrailingZeros();
    if (plain.precision() - plain.scale() > MAX_INTEGER_DIGITS) {
      violations.add(
          new Problem.Violation(
              field, "must have at most " + MAX_INTEGER_DIGITS + " integer digits"));
    }
    if (plain.scale() > MAX_DECIMALS) {
      violations.add(
          new Problem.Violation(field, "must have at most " + MAX_DECIMALS + " decimals"));
    }
    return violations;
  }
}
