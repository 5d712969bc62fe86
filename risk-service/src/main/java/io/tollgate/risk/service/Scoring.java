package io.tollgate.risk.service;

import io.tollgate.risk.model.RiskLevel;
import java.math.BigDecimal;
import java.time.LocalDate;

/** DOMAIN.md "Risk scoring" with the default matrix: score, level, chance and review interval. */
public final class Scoring {

  private Scoring() {}

  /** The chance of probability 1..5 occurring (index 0 unused). */
  private static final BigDecimal[] CHANCE = {
    null,
    new BigDecimal("0.05"),
    new BigDecimal("0.20"),
    new BigDecimal("0.40"),
    new BigDecimal("0.60"),
    new BigDecimal("0.85")
  };

  public static int score(int probability, int impact) {
    return probability * impact;
  }

  /** 1-4 LOW, 5-9 MEDIUM, 10-15 HIGH, 16-25 CRITICAL. */
  public static RiskLevel level(int score) {
    if (score >= 16) {
      return RiskLevel.CRITICAL;
    }
    if (score >= 10) {
      return RiskLevel.HIGH;
    }
    if (score >= 5) {
      return RiskLevel.MEDIUM;
    }
    return RiskLevel.LOW;
  }

  /** The lowest and highest score of a level, for a query. */
  public static int lowestScore(RiskLevel level) {
    return switch (level) {
      case LOW -> 1;
      case MEDIUM -> 5;
      case HIGH -> 10;
      case CRITICAL -> 16;
    };
  }

  public static int highestScore(RiskLevel level) {
    return switch (level) {
      case LOW -> 4;
      case MEDIUM -> 9;
      case HIGH -> 15;
      case CRITICAL -> 25;
    };
  }

  /** 1 = 5 %, 2 = 20 %, 3 = 40 %, 4 = 60 %, 5 = 85 %, as a fraction with two decimals. */
  public static BigDecimal chance(int probability) {
    if (probability < 1 || probability > 5) {
      throw new IllegalArgumentException("probability " + probability + " is not 1-5");
    }
    return CHANCE[probability];
  }

  /** Days until the next review: CRITICAL 7, HIGH 14, MEDIUM 30, LOW 90. */
  public static int reviewIntervalDays(RiskLevel level) {
    return switch (level) {
      case CRITICAL -> 7;
      case HIGH -> 14;
      case MEDIUM -> 30;
      case LOW -> 90;
    };
  }

  /** The day a risk of {@code level} last assessed on {@code assessed} is due for review. */
  public static LocalDate nextReview(LocalDate assessed, RiskLevel level) {
    return assessed.plusDays(reviewIntervalDays(level));
  }

  /** A decimal as the API writes it: 0.0500 is "0.05", 25000.0000 is "25000"; null stays null. */
  public static String decimal(BigDecimal value) {
    if (value == null) {
      return null;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
  }
}
