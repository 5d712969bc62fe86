package io.tollgate.risk.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.risk.messaging.MilestoneEventData;
import io.tollgate.risk.service.ScheduleRiskRules.Trouble;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** ADR 0028's rules: when a milestone's buffer raises a SCHEDULE risk, and how bad it is. */
class ScheduleRiskRulesTest {

  static final LocalDate PLANNED = LocalDate.of(2026, 6, 15);

  static MilestoneEventData milestone(String status, String zone, int buffer, Integer slip) {
    return new MilestoneEventData(
        UUID.randomUUID(),
        UUID.randomUUID(),
        "Go-live",
        "GO_LIVE",
        status,
        PLANNED,
        buffer,
        slip == null ? null : PLANNED.plusDays(slip),
        zone,
        1L);
  }

  @Test
  void onlyAnOpenMilestoneOffTrackOrLateIsInTrouble() {
    LocalDate today = PLANNED;
    assertNull(ScheduleRiskRules.trouble(false, milestone("IN_PROGRESS", "AT_RISK", 10, 9), today));
    assertNull(
        ScheduleRiskRules.trouble(false, milestone("COMPLETED", "OFF_TRACK", 10, 20), today));
    assertNull(
        ScheduleRiskRules.trouble(true, milestone("IN_PROGRESS", "OFF_TRACK", 10, 20), today));
    assertEquals(
        new Trouble(0, false),
        ScheduleRiskRules.trouble(false, milestone("IN_PROGRESS", "OFF_TRACK", 10, 10), today));
    assertEquals(
        new Trouble(8, false),
        ScheduleRiskRules.trouble(false, milestone("PLANNED", "OFF_TRACK", 10, 18), today));
    // LATE counts the days since the buffer ran out when the forecast says less
    assertEquals(
        new Trouble(5, true),
        ScheduleRiskRules.trouble(
            false, milestone("LATE", "OFF_TRACK", 10, 12), PLANNED.plusDays(15)));
    assertEquals(
        new Trouble(7, true),
        ScheduleRiskRules.trouble(false, milestone("LATE", null, 10, 17), PLANNED.plusDays(11)));
  }

  @Test
  void impactIsTheOverrunAgainstTheBufferOfAtLeastFiveDays() {
    // buffer 10: up to a quarter 2, up to half 3, up to all of it 4, beyond 5
    assertEquals(2, new Trouble(2, false).impact(10));
    assertEquals(3, new Trouble(3, false).impact(10));
    assertEquals(3, new Trouble(5, false).impact(10));
    assertEquals(4, new Trouble(10, false).impact(10));
    assertEquals(5, new Trouble(11, false).impact(10));
    // no buffer counts as 5 days: a day's overrun is not CRITICAL at once
    assertEquals(2, new Trouble(1, false).impact(0));
    assertEquals(4, new Trouble(5, false).impact(0));
    assertEquals(5, new Trouble(6, false).impact(0));
    assertEquals(4, new Trouble(0, false).probability());
    assertEquals(5, new Trouble(0, true).probability());
  }

  @Test
  void worseMeansFurtherBeyondTheBufferOrNewlyLate() {
    assertTrue(new Trouble(0, false).worseThan(null, false));
    assertTrue(new Trouble(4, false).worseThan(3, false));
    assertFalse(new Trouble(3, false).worseThan(3, false));
    assertFalse(new Trouble(2, true).worseThan(3, true));
    assertTrue(new Trouble(3, true).worseThan(3, false));
  }
}
