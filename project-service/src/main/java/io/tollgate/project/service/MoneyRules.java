package io.tollgate.project.service;

import io.tollgate.rest.Problem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * What makes an amount of money acceptable: an ISO 4217 currency, a decimal with no more fraction
 * digits than the currency has (EUR 2, JPY 0, BHD 3) and at most 15 integer digits.
 */
public final class MoneyRules {

  public static final int MAX_INTEGER_DIGITS = 15;

  /** The form of an ISO 4217 code: three capital letters (the OpenAPI document's pattern too). */
  public static final String CURRENCY_CODE = "^[A-Z]{3}$";

  /** Stored scale; enough for every ISO 4217 currency. */
  public static final int STORED_SCALE = 4;

  private MoneyRules() {}

  /**
   * The violations of an amount and its currency, named {@code prefix + "amount"} and {@code prefix
   * + "currency"}.
   *
   * @param positive whether zero is refused too (negative amounts always are)
   */
  public static List<Problem.Violation> check(
      String prefix, BigDecimal amount, String currency, boolean positive) {
    List<Problem.Violation> violations = new ArrayList<>();
    String currencyProblem = currencyProblem(currency);
    if (currencyProblem != null) {
      violations.add(new Problem.Violation(prefix + "currency", currencyProblem));
    }
    if (amount == null) {
      violations.add(new Problem.Violation(prefix + "amount", "must not be null"));
      return violations;
    }
    if (amount.signum() < 0 || (positive && amount.signum() == 0)) {
      violations.add(
          new Problem.Violation(
              prefix + "amount", positive ? "must be greater than 0" : "must not be negative"));
    }
    BigDecimal plain = amount.stripTrailingZeros();
    if (integerDigits(plain) > MAX_INTEGER_DIGITS) {
      violations.add(
          new Problem.Violation(
              prefix + "amount",
              "must have at most " + MAX_INTEGER_DIGITS + " digits before the decimal point"));
    }
    int allowed = currencyProblem == null ? fractionDigits(currency) : STORED_SCALE;
    if (plain.scale() > allowed) {
      violations.add(
          new Problem.Violation(
              prefix + "amount",
              allowed == 0
                  ? currency + " amounts have no decimals"
                  : "must have at most "
                      + allowed
                      + " decimals"
                      + (currencyProblem == null ? " in " + currency : "")));
    }
    return violations;
  }

  /**
   * How many digits {@code value} has before the decimal point. In {@code long}: {@code
   * 1E+2147483647} has a scale of -2147483647, and {@code precision - scale} in {@code int} wraps
   * round to a negative number that any limit lets through.
   */
  public static long integerDigits(BigDecimal value) {
    return Math.max(0L, (long) value.precision() - value.scale());
  }

  /** Why {@code code} is not an ISO 4217 currency code, or {@code null} when it is one. */
  public static String currencyProblem(String code) {
    if (code == null) {
      return "must not be null";
    }
    if (!code.matches(CURRENCY_CODE)) {
      return "must be an ISO 4217 code of three capital letters, e.g. EUR";
    }
    try {
      Currency.getInstance(code);
      return null;
    } catch (IllegalArgumentException e) {
      return code + " is not an ISO 4217 currency code";
    }
  }

  /** The decimals of the currency's minor unit (EUR 2, JPY 0); 4 for codes without one (XXX). */
  public static int fractionDigits(String currency) {
    int digits = Currency.getInstance(currency).getDefaultFractionDigits();
    return digits < 0 ? STORED_SCALE : digits;
  }
}
