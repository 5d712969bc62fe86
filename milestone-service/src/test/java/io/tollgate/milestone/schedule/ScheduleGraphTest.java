package io.tollgate.milestone.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.milestone.schedule.ScheduleGraph.Edge;
import io.tollgate.milestone.schedule.ScheduleGraph.Node;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Forecast propagation, slack and the critical path on schedules worked out by hand. */
class ScheduleGraphTest {

  static LocalDate d(String date) {
    return LocalDate.parse(date);
  }

  static Node open(UUID id, String ownForecast) {
    return new Node(id, id.toString(), d(ownForecast), null);
  }

  static Node done(UUID id, String ownForecast, String actual) {
    return new Node(id, id.toString(), d(ownForecast), d(actual));
  }

  static Edge dep(UUID predecessor, UUID successor, int lag) {
    return new Edge(predecessor, successor, lag);
  }

  final UUID a = UUID.randomUUID();
  final UUID b = UUID.randomUUID();
  final UUID c = UUID.randomUUID();
  final UUID e = UUID.randomUUID();

  /**
   * A (1 Mar) -7-> B (own 5 Mar) -3-> C (own 10 Mar): B waits for 1 Mar + 7 = 8 Mar, C for 8 Mar +
   * 3 = 11 Mar. Every milestone drives the end, so none has slack.
   */
  @Test
  void aChainAddsItsLagsAndOutrunsTheOwnForecasts() {
    ScheduleGraph g =
        new ScheduleGraph(
            List.of(open(a, "2026-03-01"), open(b, "2026-03-05"), open(c, "2026-03-10")),
            List.of(dep(a, b, 7), dep(b, c, 3)));
    assertEquals(Map.of(a, d("2026-03-01"), b, d("2026-03-08"), c, d("2026-03-11")), g.forecasts());
    assertEquals(List.of(a, b, c), List.copyOf(g.forecasts().keySet()), "topological order");
    assertEquals(Optional.of(d("2026-03-11")), g.projectEnd());
    assertEquals(Map.of(a, 0L, b, 0L, c, 0L), g.slackDays());
    assertEquals(List.of(a, b, c), g.criticalPath());
  }

  /**
   * The same chain followed by E, whose own forecast (1 Apr) is later than C's 11 Mar: E ends the
   * project alone. C may finish by 1 Apr (21 days of slack), B by 1 Apr - 3 = 29 Mar (21), A by 29
   * Mar - 7 = 22 Mar (21): the latest finishes subtract the lags on the way back.
   */
  @Test
  void slackIsTheLatestFinishLessTheForecastCountedBackThroughTheLags() {
    ScheduleGraph g =
        new ScheduleGraph(
            List.of(
                open(a, "2026-03-01"),
                open(b, "2026-03-05"),
                open(c, "2026-03-10"),
                open(e, "2026-04-01")),
            List.of(dep(a, b, 7), dep(b, c, 3), dep(c, e, 0)));
    assertEquals(d("2026-04-01"), g.forecasts().get(e));
    assertEquals(Optional.of(d("2026-04-01")), g.projectEnd());
    assertEquals(Map.of(a, 21L, b, 21L, c, 21L, e, 0L), g.slackDays());
    assertEquals(List.of(e), g.criticalPath());
  }

  /**
   * A diamond: S (1 Mar) -10-> L -5-> E and S -2-> R -1-> E, every own forecast 1 Mar. L = 11 Mar,
   * R = 3 Mar, E = max(11 Mar + 5, 3 Mar + 1) = 16 Mar. Backward: L may end by 11 Mar (slack 0), R
   * by 15 Mar (12), S by min(11 Mar - 10, 15 Mar - 2) = 1 Mar (0). The critical path S, L, E comes
   * out by date although the milestones were given in the reverse order.
   */
  @Test
  void aDiamondFollowsItsLongerBranch() {
    UUID s = UUID.randomUUID();
    UUID l = UUID.randomUUID();
    UUID r = UUID.randomUUID();
    ScheduleGraph g =
        new ScheduleGraph(
            List.of(
                open(e, "2026-03-01"),
                open(r, "2026-03-01"),
                open(l, "2026-03-01"),
                open(s, "2026-03-01")),
            List.of(dep(s, l, 10), dep(l, e, 5), dep(s, r, 2), dep(r, e, 1)));
    assertEquals(
        Map.of(s, d("2026-03-01"), l, d("2026-03-11"), r, d("2026-03-03"), e, d("2026-03-16")),
        g.forecasts());
    assertEquals(s, g.order().get(0));
    assertEquals(e, g.order().get(3));
    assertEquals(Optional.of(d("2026-03-16")), g.projectEnd());
    assertEquals(Map.of(s, 0L, l, 0L, r, 12L, e, 0L), g.slackDays());
    assertEquals(List.of(s, l, e), g.criticalPath());
  }

  /**
   * A completed predecessor counts with its actual date, not the forecast it had: finished early (5
   * Mar instead of 10 Mar) its successor, 2 days behind, may end on 7 Mar; finished late (15 Mar)
   * the successor moves to 17 Mar.
   */
  @Test
  void aCompletedPredecessorCountsWithItsActualDate() {
    ScheduleGraph early =
        new ScheduleGraph(
            List.of(done(a, "2026-03-10", "2026-03-05"), open(b, "2026-03-06")),
            List.of(dep(a, b, 2)));
    assertEquals(Map.of(a, d("2026-03-05"), b, d("2026-03-07")), early.forecasts());

    ScheduleGraph late =
        new ScheduleGraph(
            List.of(done(a, "2026-03-10", "2026-03-15"), open(b, "2026-03-06")),
            List.of(dep(a, b, 2)));
    assertEquals(Map.of(a, d("2026-03-15"), b, d("2026-03-17")), late.forecasts());
    assertEquals(Map.of(a, 0L, b, 0L), late.slackDays());
    assertEquals(List.of(a, b), late.criticalPath());
  }

  /**
   * A completed milestone's forecast is its actual date even when its predecessor is still open and
   * later; and it no longer holds that predecessor back: A (open, 10 Mar) -> B (completed 1 Mar)
   * -30-> C (own 3 Mar, so 31 Mar). Counted back through B, A would have to end by 1 Mar, 9 days
   * ago in the schedule; B is done, so A may end as late as the project end, 31 Mar.
   */
  @Test
  void aCompletedSuccessorKeepsItsActualDateAndHoldsNothingBack() {
    ScheduleGraph g =
        new ScheduleGraph(
            List.of(
                open(a, "2026-03-10"), done(b, "2026-02-20", "2026-03-01"), open(c, "2026-03-03")),
            List.of(dep(a, b, 0), dep(b, c, 30)));
    assertEquals(Map.of(a, d("2026-03-10"), b, d("2026-03-01"), c, d("2026-03-31")), g.forecasts());
    assertEquals(Map.of(a, 21L, b, 0L, c, 0L), g.slackDays());
    assertEquals(List.of(b, c), g.criticalPath());
  }

  /**
   * Milestones without dependencies are each their own end: each may move up to the project end, so
   * slack = project end - forecast. Two of them end the project together: both are critical, in the
   * order given.
   */
  @Test
  void independentMilestonesHaveTheDaysToTheProjectEndAsSlack() {
    UUID second = UUID.randomUUID();
    ScheduleGraph g =
        new ScheduleGraph(
            List.of(
                open(a, "2026-03-20"),
                open(b, "2026-03-01"),
                open(c, "2026-03-10"),
                open(second, "2026-03-20")),
            List.of());
    assertEquals(Optional.of(d("2026-03-20")), g.projectEnd());
    assertEquals(Map.of(a, 0L, b, 19L, c, 10L, second, 0L), g.slackDays());
    assertEquals(List.of(a, second), g.criticalPath());
  }

  /**
   * A -> B -> C: C -> A would close A, B, C, A; B -> A the cycle A, B, A. A shortcut A -> C, or a
   * new lag on the existing A -> B, keeps the graph acyclic.
   */
  @Test
  void aDependencyClosingACycleIsNamedAlongTheCycle() {
    ScheduleGraph g =
        new ScheduleGraph(
            List.of(open(a, "2026-03-01"), open(b, "2026-03-02"), open(c, "2026-03-03")),
            List.of(dep(a, b, 0), dep(b, c, 0)));
    assertEquals(Optional.of(List.of(a, b, c, a)), g.cycleIfAdded(c, a));
    assertEquals(Optional.of(List.of(a, b, a)), g.cycleIfAdded(b, a));
    assertEquals(Optional.empty(), g.cycleIfAdded(a, c));
    assertEquals(Optional.empty(), g.cycleIfAdded(a, b));
    assertEquals(Optional.of(List.of(a, a)), g.cycleIfAdded(a, a));
  }

  /** With a shortcut A -> C beside A -> B -> C, C -> A names the shorter cycle A, C, A. */
  @Test
  void theShortestCycleIsNamed() {
    ScheduleGraph g =
        new ScheduleGraph(
            List.of(open(a, "2026-03-01"), open(b, "2026-03-02"), open(c, "2026-03-03")),
            List.of(dep(a, b, 0), dep(b, c, 0), dep(a, c, 0)));
    assertEquals(Optional.of(List.of(a, c, a)), g.cycleIfAdded(c, a));
  }

  @Test
  void aProjectWithoutMilestonesHasNoEnd() {
    ScheduleGraph g = new ScheduleGraph(List.of(), List.of());
    assertEquals(Optional.empty(), g.projectEnd());
    assertTrue(g.slackDays().isEmpty());
    assertTrue(g.criticalPath().isEmpty());
  }

  @Test
  void storedDependenciesThatFormACycleAreRefused() {
    List<Node> nodes = List.of(open(a, "2026-03-01"), open(b, "2026-03-02"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ScheduleGraph(nodes, List.of(dep(a, b, 0), dep(b, a, 0))));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ScheduleGraph(nodes, List.of(dep(a, c, 0))),
        "a dependency on a milestone that is not in the schedule");
    assertThrows(IllegalArgumentException.class, () -> dep(a, b, -1));
  }
}
