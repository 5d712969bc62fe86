package io.tollgate.milestone.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tollgate.milestone.model.Milestone;
import io.tollgate.milestone.model.MilestoneStatus;
import io.tollgate.milestone.model.Zone;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** DOMAIN.md's buffer arithmetic, at its boundaries, in whole numbers. */
class BuffersTest {

  static final LocalDate PLANNED = LocalDate.of(2026, 6, 15);

  static Milestone milestone(int bufferDays, int slip) {
    Milestone m = new Milestone();
    m.plannedDate = PLANNED;
    m.bufferDays = bufferDays;
    m.ownForecastDate = PLANNED.plusDays(slip);
    m.forecastDate = m.ownForecastDate;
    return m;
  }

  @Test
  void zonesChangeAtAThirdAndAtAllOfTheBuffer() {
    assertEquals(Zone.ON_TRACK, Buffers.zone(milestone(10, 3)));
    assertEquals(new BigDecimal("0.3000"), Buffers.consumption(3, 10));
    assertEquals(Zone.AT_RISK, Buffers.zone(milestone(10, 4)));
    assertEquals(Zone.OFF_TRACK, Buffers.zone(milestone(10, 10)));
    // exactly a third is at risk: 1/3 is compared exactly, not as 0.3333
    assertEquals(Zone.AT_RISK, Buffers.zone(milestone(9, 3)));
    assertEquals(Zone.ON_TRACK, Buffers.zone(milestone(9, 2)));
    assertEquals(Zone.AT_RISK, Buffers.zone(milestone(9, 8)));
    assertEquals(new BigDecimal("0.6667"), Buffers.consumption(2, 3));
  }

  @Test
  void withoutABufferAnySlipIsOffTrack() {
    assertEquals(Zone.OFF_TRACK, Buffers.zone(milestone(0, 1)));
    assertNull(Buffers.consumption(1, 0));
    assertEquals(Zone.ON_TRACK, Buffers.zone(milestone(0, 0)));
    assertEquals(Zone.ON_TRACK, Buffers.zone(milestone(0, -3)));
  }

  @Test
  void beingEarlyIsNoSlip() {
    Milestone early = milestone(5, -2);
    assertEquals(0, Buffers.slipDays(early));
    assertEquals(-2, Buffers.varianceDays(early));
  }

  @Test
  void statusFollowsTheCalendarAndTheWork() {
    Milestone m = milestone(5, 0);
    assertEquals(MilestoneStatus.PLANNED, Buffers.status(m, PLANNED.plusDays(5)));
    assertEquals(MilestoneStatus.LATE, Buffers.status(m, PLANNED.plusDays(6)));
    m.started = true;
    assertEquals(MilestoneStatus.IN_PROGRESS, Buffers.status(m, PLANNED));
    m.actualDate = PLANNED.plusDays(9);
    assertEquals(MilestoneStatus.COMPLETED, Buffers.status(m, PLANNED.plusDays(30)));
  }
}
