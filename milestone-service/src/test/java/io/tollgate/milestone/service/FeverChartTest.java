package io.tollgate.milestone.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.milestone.model.FeverZone;
import io.tollgate.milestone.schedule.ScheduleGraph;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The fever chart's zones at their lines, exactly, and which milestones a point is made of. */
class FeverChartTest {

  static final LocalDate T = LocalDate.of(2026, 6, 1);

  @Test
  void withNothingCompletedTheLinesAre15And30Percent() {
    // buffer 20: 3 days = 15 % exactly is on the GREEN line, so YELLOW; 6 days = 30 % is RED
    assertEquals(FeverZone.GREEN, FeverChart.zone(0, 1, 2, 20));
    assertEquals(FeverZone.YELLOW, FeverChart.zone(0, 1, 3, 20));
    assertEquals(FeverZone.YELLOW, FeverChart.zone(0, 1, 5, 20));
    assertEquals(FeverZone.RED, FeverChart.zone(0, 1, 6, 20));
    assertEquals(new BigDecimal("15.00"), FeverChart.consumptionPercent(3, 20));
  }

  @Test
  void aThirdCompletedMovesTheLinesTo35And50PercentExactly() {
    // 0.15 + 0.6 / 3 is not 0.35 in floating point; multiplied out it is: 7/20 = 35 % is YELLOW
    assertEquals(FeverZone.GREEN, FeverChart.zone(1, 3, 6, 20));
    assertEquals(FeverZone.YELLOW, FeverChart.zone(1, 3, 7, 20));
    assertEquals(FeverZone.YELLOW, FeverChart.zone(1, 3, 9, 20));
    assertEquals(FeverZone.RED, FeverChart.zone(1, 3, 10, 20));
    // a line between two whole days: 35 % of 7 days is 2.45 days
    assertEquals(FeverZone.GREEN, FeverChart.zone(1, 3, 2, 7));
    assertEquals(FeverZone.YELLOW, FeverChart.zone(1, 3, 3, 7));
  }

  @Test
  void halfCompletedMovesTheLinesTo45And60Percent() {
    assertEquals(FeverZone.GREEN, FeverChart.zone(1, 2, 8, 20));
    assertEquals(FeverZone.YELLOW, FeverChart.zone(1, 2, 9, 20));
    assertEquals(FeverZone.YELLOW, FeverChart.zone(2, 4, 11, 20));
    assertEquals(FeverZone.RED, FeverChart.zone(2, 4, 12, 20));
  }

  @Test
  void allCompletedMovesTheLinesTo75And90Percent() {
    assertEquals(FeverZone.GREEN, FeverChart.zone(4, 4, 14, 20));
    assertEquals(FeverZone.YELLOW, FeverChart.zone(4, 4, 15, 20));
    assertEquals(FeverZone.YELLOW, FeverChart.zone(4, 4, 17, 20));
    assertEquals(FeverZone.RED, FeverChart.zone(4, 4, 18, 20));
  }

  @Test
  void withoutABufferNoSlipIsGreenAndAnySlipIsRedAtEveryCompletion() {
    assertEquals(FeverZone.GREEN, FeverChart.zone(0, 3, 0, 0));
    assertEquals(FeverZone.RED, FeverChart.zone(0, 3, 1, 0));
    assertEquals(FeverZone.RED, FeverChart.zone(3, 3, 1, 0));
    assertEquals(new BigDecimal("0.00"), FeverChart.consumptionPercent(0, 0));
    assertEquals(new BigDecimal("100.00"), FeverChart.consumptionPercent(1, 0));
  }

  @Test
  void consumptionIsNotCappedAndRoundsToTwoPlaces() {
    assertEquals(new BigDecimal("300.00"), FeverChart.consumptionPercent(30, 10));
    assertEquals(new BigDecimal("33.33"), FeverChart.consumptionPercent(1, 3));
    assertEquals(new BigDecimal("66.67"), FeverChart.consumptionPercent(2, 3));
    assertEquals(FeverZone.RED, FeverChart.zone(0, 1, 30, 10));
  }

  @Test
  void aPointThatIsNoPointIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> FeverChart.zone(0, 0, 0, 10));
    assertThrows(IllegalArgumentException.class, () -> FeverChart.zone(2, 1, 0, 10));
    assertThrows(IllegalArgumentException.class, () -> FeverChart.zone(0, 1, -1, 10));
  }

  /** A schedule under construction: nodes, edges and plans. */
  static final class Schedule {
    final List<ScheduleGraph.Node> nodes = new ArrayList<>();
    final List<ScheduleGraph.Edge> edges = new ArrayList<>();
    final Map<UUID, FeverChart.Plan> plans = new HashMap<>();

    UUID milestone(String name, int plannedDay, int forecastDay, int buffer, Integer actualDay) {
      UUID id = UUID.nameUUIDFromBytes(name.getBytes());
      nodes.add(
          new ScheduleGraph.Node(
              id, name, T.plusDays(forecastDay), actualDay == null ? null : T.plusDays(actualDay)));
      plans.put(id, new FeverChart.Plan(T.plusDays(plannedDay), buffer));
      return id;
    }

    void depend(UUID successor, UUID predecessor, int lag) {
      edges.add(new ScheduleGraph.Edge(predecessor, successor, lag));
    }

    FeverChart.Point point() {
      return FeverChart.of(new ScheduleGraph(nodes, edges), plans).orElseThrow();
    }
  }

  @Test
  void theProjectEndBufferIsTheEndOfTheChainsAndCompletedWorkStaysOnThePath() {
    // A (day 10, done on day 2) -> B (day 20, forecast 24) -10-> C (day 30, buffer 10): B pushes
    // C to day 34, 4 days late
    Schedule s = new Schedule();
    UUID a = s.milestone("A", 10, 10, 5, 2);
    UUID b = s.milestone("B", 20, 24, 5, null);
    UUID c = s.milestone("C", 30, 30, 10, null);
    s.depend(b, a, 0);
    s.depend(c, b, 10);
    FeverChart.Point p = s.point();
    assertEquals(c, p.projectEndMilestoneId());
    assertEquals(4, p.slipDays());
    assertEquals(10, p.bufferDays());
    assertEquals(new BigDecimal("40.00"), p.consumptionPercent());
    // A finished early, so it has slack (B does not wait on it), but it is work done on the path
    assertEquals(List.of(a, b, c), p.criticalPath());
    assertEquals(1, p.completed());
    assertEquals(new BigDecimal("33.33"), p.completionPercent());
    // 40 % against 15 % + 20 % and 30 % + 20 %
    assertEquals(FeverZone.YELLOW, p.zone());
  }

  @Test
  void aMilestoneBesideThePathCountsNeitherWayUnlessItIsCritical() {
    Schedule s = new Schedule();
    UUID end = s.milestone("End", 30, 30, 10, null);
    UUID done = s.milestone("Done", 5, 5, 0, 5);
    UUID open = s.milestone("Open", 20, 20, 0, null);
    FeverChart.Point p = s.point();
    assertEquals(end, p.projectEndMilestoneId());
    assertEquals(List.of(end), p.criticalPath());
    assertEquals(new BigDecimal("0.00"), p.completionPercent());
    assertEquals(FeverZone.GREEN, p.zone());
    assertTrue(!p.criticalPath().contains(done) && !p.criticalPath().contains(open));
  }

  @Test
  void ofTwoMilestonesOnTheProjectEndTheOneThatConsumedMostOfItsBufferIsTheEnd() {
    Schedule s = new Schedule();
    UUID wide = s.milestone("Wide", 28, 30, 10, null); // 20 %
    UUID narrow = s.milestone("Narrow", 28, 30, 4, null); // 50 %
    FeverChart.Point p = s.point();
    assertEquals(narrow, p.projectEndMilestoneId());
    assertEquals(new BigDecimal("50.00"), p.consumptionPercent());
    assertEquals(FeverZone.RED, p.zone());
    assertEquals(List.of(wide, narrow), p.criticalPath());

    // a slip without a buffer is more than any share of one
    Schedule t = new Schedule();
    UUID bare = t.milestone("Bare", 29, 30, 0, null);
    t.milestone("Buffered", 20, 30, 5, null); // 200 %
    assertEquals(bare, t.point().projectEndMilestoneId());
    assertEquals(new BigDecimal("100.00"), t.point().consumptionPercent());

    // equal consumption: the later in the schedule's order
    Schedule u = new Schedule();
    u.milestone("First", 30, 30, 3, null);
    UUID second = u.milestone("Second", 30, 30, 8, null);
    assertEquals(second, u.point().projectEndMilestoneId());
  }

  @Test
  void whenEverythingIsCompletedTheChartIsAtFullCompletion() {
    Schedule s = new Schedule();
    UUID a = s.milestone("A", 10, 10, 5, 8);
    UUID b = s.milestone("B", 20, 20, 5, 21);
    UUID c = s.milestone("C", 30, 30, 10, 33);
    s.depend(b, a, 0);
    s.depend(c, b, 0);
    FeverChart.Point p = s.point();
    assertEquals(c, p.projectEndMilestoneId());
    assertEquals(List.of(a, b, c), p.criticalPath());
    assertEquals(new BigDecimal("100.00"), p.completionPercent());
    assertEquals(new BigDecimal("30.00"), p.consumptionPercent());
    assertEquals(FeverZone.GREEN, p.zone());
  }

  @Test
  void aProjectWithoutMilestonesHasNoPoint() {
    assertTrue(FeverChart.of(new ScheduleGraph(List.of(), List.of()), Map.of()).isEmpty());
  }
}
