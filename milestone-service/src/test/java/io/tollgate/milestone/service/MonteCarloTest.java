package io.tollgate.milestone.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.milestone.schedule.ScheduleGraph;
import io.tollgate.milestone.schedule.ScheduleGraph.Edge;
import io.tollgate.milestone.schedule.ScheduleGraph.Node;
import io.tollgate.milestone.service.MonteCarlo.Distribution;
import io.tollgate.milestone.service.MonteCarlo.Result;
import io.tollgate.milestone.service.MonteCarlo.Risk;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The simulation against distributions known in closed form (DOMAIN.md: one milestone, one risk of
 * chance c and impact d: P(slip = d) = c), with 20,000 iterations and fixed seeds.
 */
class MonteCarloTest {

  static final int N = 20_000;
  static final LocalDate PLANNED = LocalDate.parse("2026-06-01");

  final UUID a = UUID.randomUUID();
  final UUID b = UUID.randomUUID();
  final UUID c = UUID.randomUUID();

  static Node open(UUID id, LocalDate forecast) {
    return new Node(id, "m", forecast, null);
  }

  static ScheduleGraph graph(List<Node> nodes, Edge... edges) {
    return new ScheduleGraph(nodes, List.of(edges));
  }

  Distribution only(Result r) {
    return r.milestones().get(a);
  }

  /** Binomial standard error of a share estimated from N draws, times 4 (fails 1 in 15,000). */
  static double tolerance(double p) {
    return 4 * Math.sqrt(p * (1 - p) / N);
  }

  @Test
  void oneRiskSlipsByItsImpactWithItsChance() {
    for (double chance : new double[] {0.05, 0.2, 0.4, 0.6, 0.85}) {
      Result r =
          MonteCarlo.run(
              graph(List.of(open(a, PLANNED))),
              Map.of(),
              List.of(new Risk(chance, 7, List.of(a))),
              N,
              42);
      Distribution d = only(r);
      assertEquals(chance, d.shareSlipping(7), tolerance(chance), "P(slip = 7) at " + chance);
      assertEquals(1 - chance, d.shareSlipping(0), tolerance(chance), "P(slip = 0) at " + chance);
    }
  }

  /**
   * Nearest rank: Pq is the first date reached in at least q % of the iterations. A chance of 0.1
   * leaves 90 % on the plan (P50 = P80 = plan, P95 slips); 0.3 leaves 70 % (only P50 on the plan).
   * At exactly 1 - q (e.g. 0.2 for P80) it is a coin toss which side the sample lands on.
   */
  @Test
  void percentilesLandWhereTheChanceSays() {
    Distribution rare =
        only(
            MonteCarlo.run(
                graph(List.of(open(a, PLANNED))),
                Map.of(),
                List.of(new Risk(0.1, 9, List.of(a))),
                N,
                1));
    assertEquals(PLANNED, rare.percentile(50));
    assertEquals(PLANNED, rare.percentile(80));
    assertEquals(PLANNED.plusDays(9), rare.percentile(95));
    Distribution likely =
        only(
            MonteCarlo.run(
                graph(List.of(open(a, PLANNED))),
                Map.of(),
                List.of(new Risk(0.3, 9, List.of(a))),
                N,
                1));
    assertEquals(PLANNED, likely.percentile(50));
    assertEquals(PLANNED.plusDays(9), likely.percentile(80));
    assertEquals(PLANNED.plusDays(9), likely.percentile(95));
  }

  /**
   * Triangular with minimum = mode = 0 and maximum = buffer b: F(x) = 1 - (1 - x/b)^2, so the
   * q-quantile is b(1 - sqrt(1 - q)), reached on the day it rounds up to.
   */
  @Test
  void aBufferSpreadsTheDateAsTheTriangularQuantilesSay() {
    int buffer = 100;
    Distribution d =
        only(MonteCarlo.run(graph(List.of(open(a, PLANNED))), Map.of(a, buffer), List.of(), N, 7));
    for (int q : new int[] {1, 50, 80, 95, 99}) {
      double exact = buffer * (1 - Math.sqrt(1 - q / 100.0));
      long days = PLANNED.until(d.percentile(q), java.time.temporal.ChronoUnit.DAYS);
      assertEquals(Math.ceil(exact), days, 1.0, "P" + q + " (closed form " + exact + ")");
    }
    // never beyond the buffer
    assertTrue(!d.percentile(100).isAfter(PLANNED.plusDays(buffer)), "P100 within the buffer");
    assertTrue(d.percentile(100).isAfter(PLANNED.plusDays(buffer - 5)), "P100 near the buffer");
    assertEquals(0.0, d.shareSlipping(buffer + 1));
  }

  @Test
  void noBufferAndNoRiskIsTheDeterministicSchedule() {
    ScheduleGraph g =
        graph(
            List.of(open(a, PLANNED), open(b, PLANNED.plusDays(3)), open(c, PLANNED)),
            new Edge(a, b, 2),
            new Edge(b, c, 1));
    Result r = MonteCarlo.run(g, Map.of(), List.of(), 500, 3);
    for (var e : g.forecasts().entrySet()) {
      for (int q : MonteCarlo.PERCENTILES) {
        assertEquals(e.getValue(), r.milestones().get(e.getKey()).percentile(q));
      }
    }
    assertEquals(PLANNED.plusDays(4), r.projectEnd().percentile(95));
  }

  /**
   * A successor keeps its duration from its latest predecessor (forecast less the predecessor's
   * forecast plus lag): a risk on a slips b and c by as much; a risk on c alone slips c only.
   */
  @Test
  void aSlipPropagatesDownTheChain() {
    ScheduleGraph g =
        graph(
            List.of(open(a, PLANNED), open(b, PLANNED.plusDays(10)), open(c, PLANNED)),
            new Edge(a, b, 2),
            new Edge(b, c, 0));
    // b's own forecast is 8 days after a + lag: that duration stays when a slips
    Result r =
        MonteCarlo.run(
            g,
            Map.of(),
            List.of(new Risk(1.0, 5, List.of(a)), new Risk(1.0, 3, List.of(c))),
            1_000,
            5);
    assertEquals(PLANNED.plusDays(5), r.milestones().get(a).percentile(50));
    assertEquals(PLANNED.plusDays(15), r.milestones().get(b).percentile(50));
    assertEquals(PLANNED.plusDays(18), r.milestones().get(c).percentile(50));
    assertEquals(PLANNED.plusDays(18), r.projectEnd().percentile(50));
  }

  /**
   * With two predecessors the latest one (with its lag) is where the duration counts from; the
   * other one moves the successor only once it overtakes it.
   */
  @Test
  void aSuccessorWaitsForItsLatestPredecessor() {
    ScheduleGraph g =
        graph(
            List.of(open(a, PLANNED), open(b, PLANNED.plusDays(4)), open(c, PLANNED.plusDays(6))),
            new Edge(a, c, 0),
            new Edge(b, c, 1));
    // c: 1 day after b + 1; a slips 10 days: now a is the latest, c is 1 day after it
    Result r = MonteCarlo.run(g, Map.of(), List.of(new Risk(1.0, 10, List.of(a))), 100, 5);
    assertEquals(PLANNED.plusDays(11), r.milestones().get(c).percentile(50));
    // a slipping 3 days stays within b + lag: c does not move
    Result small = MonteCarlo.run(g, Map.of(), List.of(new Risk(1.0, 3, List.of(a))), 100, 5);
    assertEquals(PLANNED.plusDays(6), small.milestones().get(c).percentile(95));
  }

  @Test
  void aCompletedMilestoneStaysOnItsActualDate() {
    LocalDate actual = PLANNED.minusDays(2);
    ScheduleGraph g =
        graph(
            List.of(new Node(a, "done", PLANNED, actual), open(b, PLANNED.plusDays(5))),
            new Edge(a, b, 0));
    Result r =
        MonteCarlo.run(g, Map.of(a, 30), List.of(new Risk(1.0, 20, List.of(a, b))), 1_000, 9);
    for (int q : MonteCarlo.PERCENTILES) {
      assertEquals(actual, r.milestones().get(a).percentile(q));
    }
    // the risk still slips the open successor
    assertEquals(PLANNED.plusDays(25), r.milestones().get(b).percentile(50));
  }

  @Test
  void theProjectEndIsTheLatestMilestoneOfEachIteration() {
    // two independent milestones on the same day, each slipping 10 days with chance 0.5: the end
    // slips unless neither does (P = 0.75), more than either milestone alone
    ScheduleGraph g = graph(List.of(open(a, PLANNED), open(b, PLANNED)));
    Result r =
        MonteCarlo.run(
            g,
            Map.of(),
            List.of(new Risk(0.5, 10, List.of(a)), new Risk(0.5, 10, List.of(b))),
            N,
            11);
    assertEquals(0.75, r.projectEnd().shareSlipping(10), tolerance(0.75));
    assertEquals(PLANNED.plusDays(10), r.projectEnd().percentile(50));
    assertEquals(0.5, r.milestones().get(a).shareSlipping(10), tolerance(0.5));
  }

  @Test
  void oneRiskOnTwoMilestonesSlipsBothInTheSameIterations() {
    ScheduleGraph g = graph(List.of(open(a, PLANNED), open(b, PLANNED.plusDays(20))));
    Result r = MonteCarlo.run(g, Map.of(), List.of(new Risk(0.5, 4, List.of(a, b, a))), N, 13);
    // counted once per milestone even when linked twice
    assertEquals(0.5, r.milestones().get(a).shareSlipping(4), tolerance(0.5));
    assertEquals(0.0, r.milestones().get(a).shareSlipping(8));
    // the end is b: it slips exactly when the risk occurs
    assertEquals(0.5, r.projectEnd().shareSlipping(4), tolerance(0.5));
  }

  @Test
  void theSameSeedGivesTheSameRunAndAnotherOneMayNot() {
    ScheduleGraph g =
        graph(List.of(open(a, PLANNED), open(b, PLANNED.plusDays(3))), new Edge(a, b, 1));
    List<Risk> risks = List.of(new Risk(0.4, 6, List.of(a)), new Risk(0.2, 11, List.of(b)));
    Map<UUID, Integer> buffers = Map.of(a, 9, b, 14);
    List<LocalDate> first = dates(MonteCarlo.run(g, buffers, risks, 1_000, 99));
    assertEquals(first, dates(MonteCarlo.run(g, buffers, risks, 1_000, 99)));
    assertTrue(
        !first.equals(dates(MonteCarlo.run(g, buffers, risks, 1_000, 100)))
            || !first.equals(dates(MonteCarlo.run(g, buffers, risks, 1_000, 101))),
        "other seeds, other samples");
  }

  @Test
  void anEmptyScheduleHasNoProjectEnd() {
    Result r = MonteCarlo.run(graph(List.of()), Map.of(), List.of(), 100, 1);
    assertTrue(r.milestones().isEmpty());
    assertNull(r.projectEnd());
  }

  @Test
  void chancesFollowTheDefaultMapping() {
    assertEquals(
        List.of(0.05, 0.2, 0.4, 0.6, 0.85),
        List.of(
            MonteCarlo.chance(1),
            MonteCarlo.chance(2),
            MonteCarlo.chance(3),
            MonteCarlo.chance(4),
            MonteCarlo.chance(5)));
  }

  private static List<LocalDate> dates(Result r) {
    List<LocalDate> out = new ArrayList<>();
    for (Distribution d : r.milestones().values()) {
      for (int q = 1; q <= 100; q++) {
        out.add(d.percentile(q));
      }
    }
    return out;
  }
}
