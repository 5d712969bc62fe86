package io.tollgate.risk.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tollgate.risk.model.RiskLevel;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** DOMAIN.md "Risk scoring" with the default matrix, at every boundary. */
class ScoringTest {

  @Test
  void levelsChangeBetween4And5And9And10And15And16() {
    assertEquals(RiskLevel.LOW, Scoring.level(1));
    assertEquals(RiskLevel.LOW, Scoring.level(4));
    assertEquals(RiskLevel.MEDIUM, Scoring.level(5));
    assertEquals(RiskLevel.MEDIUM, Scoring.level(9));
    assertEquals(RiskLevel.HIGH, Scoring.level(10));
    assertEquals(RiskLevel.HIGH, Scoring.level(15));
    assertEquals(RiskLevel.CRITICAL, Scoring.level(16));
    assertEquals(RiskLevel.CRITICAL, Scoring.level(25));
    for (RiskLevel level : RiskLevel.values()) {
      assertEquals(level, Scoring.level(Scoring.lowestScore(level)));
      assertEquals(level, Scoring.level(Scoring.highestScore(level)));
    }
  }

  @Test
  void theScoreIsProbabilityTimesImpact() {
    assertEquals(1, Scoring.score(1, 1));
    assertEquals(20, Scoring.score(4, 5));
    assertEquals(25, Scoring.score(5, 5));
  }

  @Test
  void eachProbabilityHasItsChance() {
    assertEquals("0.05", Scoring.decimal(Scoring.chance(1)));
    assertEquals("0.2", Scoring.decimal(Scoring.chance(2)));
    assertEquals("0.4", Scoring.decimal(Scoring.chance(3)));
    assertEquals("0.6", Scoring.decimal(Scoring.chance(4)));
    assertEquals("0.85", Scoring.decimal(Scoring.chance(5)));
    assertThrows(IllegalArgumentException.class, () -> Scoring.chance(0));
    assertThrows(IllegalArgumentException.class, () -> Scoring.chance(6));
  }

  @Test
  void theReviewIntervalFollowsTheLevel() {
    LocalDate assessed = LocalDate.of(2026, 3, 10);
    assertEquals(LocalDate.of(2026, 3, 17), Scoring.nextReview(assessed, RiskLevel.CRITICAL));
    assertEquals(LocalDate.of(2026, 3, 24), Scoring.nextReview(assessed, RiskLevel.HIGH));
    assertEquals(LocalDate.of(2026, 4, 9), Scoring.nextReview(assessed, RiskLevel.MEDIUM));
    assertEquals(LocalDate.of(2026, 6, 8), Scoring.nextReview(assessed, RiskLevel.LOW));
  }

  @Test
  void decimalsAreWrittenWithoutTrailingZeros() {
    assertEquals("25000", Scoring.decimal(new BigDecimal("25000.0000")));
    assertEquals("0.5", Scoring.decimal(new BigDecimal("0.5000")));
    assertEquals("0", Scoring.decimal(BigDecimal.ZERO.setScale(6)));
    assertEquals(null, Scoring.decimal(null));
  }
}
