package io.tollgate.project.mapping;

import io.tollgate.project.rest.Money;
import io.tollgate.project.service.MoneyRules;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money and ratios for display: the only place where computed values are rounded. */
public final class Amounts {

  /** Decimals of a ratio such as SPI, CPI or ROI. */
  public static final int RATIO_SCALE = 4;

  /** Decimals shown for an amount while the project has no currency yet. */
  static final int DEFAULT_SCALE = 2;

  private Amounts() {}

  /**
   * The amount with exactly the currency's decimals (half-even), as a plain decimal string; two
   * decimals while the project has no currency yet.
   */
  public static String decimal(BigDecimal amount, String currency) {
    if (amount == null) {
      return null;
    }
    int scale = currency == null ? DEFAULT_SCALE : MoneyRules.fractionDigits(currency);
    return amount.setScale(scale, RoundingMode.HALF_EVEN).toPlainString();
  }

  public static Money money(BigDecimal amount, String currency) {
    return amount == null ? null : new Money(decimal(amount, currency), currency);
  }

  public static BigDecimal ratio(BigDecimal ratio) {
    return ratio == null ? null : ratio.setScale(RATIO_SCALE, RoundingMode.HALF_EVEN);
  }

  /**
   * A performance index (SPI, CPI) for display, rounded down, so that it stays on the side of a
   * health threshold it was judged on: a CPI of 0.79996 is RED and reads 0.7999, not 0.8000.
   */
  public static BigDecimal index(BigDecimal index) {
    return index == null ? null : index.setScale(RATIO_SCALE, RoundingMode.FLOOR);
  }
}
