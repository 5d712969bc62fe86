package io.tollgate.milestone.service;

import io.tollgate.milestone.schedule.ScheduleGraph;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The risk-adjusted forecast (DOMAIN.md "Risk-adjusted forecast (Monte Carlo)", ADR 0027): each
 * iteration draws every open milestone's duration within its buffer and which open risks occur, and
 * propagates the dates through the schedule. Pure logic; the same inputs and seed give the same
 * answer.
 *
 * <p>The deterministic schedule ({@link ScheduleGraph#forecasts()}) is the starting point: an open
 * milestone's duration is the days between its forecast and the latest of its predecessors'
 * forecasts plus lag (for one without predecessors, from the project's start, which cancels out).
 * Per iteration it becomes that duration plus a triangular draw with minimum = mode = 0 and maximum
 * = its buffer days, plus the schedule impact of each of its open risks that occurred; it then
 * starts from the latest of its predecessors' simulated dates plus lag. A completed milestone stays
 * on its actual date. Dates are kept in fractions of a day and rounded up to the day the milestone
 * is reached only at the end of an iteration. Runs in O(iterations x (milestones + edges + risk
 * links)) over primitive arrays.
 */
public final class MonteCarlo {

  /** The percentiles reported (DOMAIN.md). */
  public static final int[] PERCENTILES = {50, 80, 95};

  private static final double EPSILON = 1e-9;

  /**
   * A risk as the simulation sees it.
   *
   * @param chance the chance that it occurs in an iteration, 0-1
   * @param impactDays the days each linked milestone slips when it occurs
   * @param milestoneIds the milestones it slips; ids not in the schedule are ignored
   */
  public record Risk(double chance, int impactDays, Collection<UUID> milestoneIds) {
    public Risk {
      if (!(chance >= 0 && chance <= 1)) {
        throw new IllegalArgumentException("chance must be within 0-1: " + chance);
      }
      if (impactDays < 0) {
        throw new IllegalArgumentException("impact must not be negative: " + impactDays);
      }
      Objects.requireNonNull(milestoneIds, "milestoneIds");
    }
  }

  /**
   * The simulated completion dates of one milestone (or of the project end): its deterministic
   * forecast and, per iteration, the whole days it slipped beyond it, sorted.
   */
  public static final class Distribution {
    private final LocalDate forecast;
    private final int[] slips;

    Distribution(LocalDate forecast, int[] slips) {
      this.forecast = forecast;
      this.slips = slips;
      Arrays.sort(slips);
    }

    /** The deterministic forecast the simulation started from. */
    public LocalDate forecast() {
      return forecast;
    }

    /**
     * The date reached in at least {@code percent} % of the iterations (nearest rank: the ⌈percent
     * x N / 100⌉-th earliest simulated date), at most 9999-12-31.
     */
    public LocalDate percentile(int percent) {
      if (percent < 1 || percent > 100) {
        throw new IllegalArgumentException("percent must be within 1-100: " + percent);
      }
      int rank = (int) (((long) percent * slips.length + 99) / 100);
      long day = forecast.toEpochDay() + slips[rank - 1];
      return LocalDate.ofEpochDay(Math.min(day, Reforecast.LAST_FORECAST.toEpochDay()));
    }

    /** The share of the iterations in which it slipped exactly {@code days} beyond its forecast. */
    public double shareSlipping(int days) {
      int from = lowerBound(days);
      int to = lowerBound(days + 1);
      return (double) (to - from) / slips.length;
    }

    private int lowerBound(int value) {
      int lo = 0;
      int hi = slips.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (slips[mid] < value) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }

  /**
   * @param milestones per milestone in the schedule's order
   * @param projectEnd the latest milestone of each iteration; null without milestones
   */
  public record Result(Map<UUID, Distribution> milestones, Distribution projectEnd) {}

  private MonteCarlo() {}

  /** DOMAIN.md "Risk scoring": probability 1-5 to the chance it occurs. */
  public static double chance(int probability) {
    return switch (probability) {
      case 1 -> 0.05;
      case 2 -> 0.20;
      case 3 -> 0.40;
      case 4 -> 0.60;
      case 5 -> 0.85;
      default -> throw new IllegalArgumentException("probability must be 1-5: " + probability);
    };
  }

  /**
   * Runs the simulation.
   *
   * @param graph the project's schedule (milestones, dependencies, deterministic forecasts)
   * @param bufferDays each milestone's buffer; absent counts as 0
   * @param risks the open risks (a closed one must not be passed)
   */
  public static Result run(
      ScheduleGraph graph,
      Map<UUID, Integer> bufferDays,
      List<Risk> risks,
      int iterations,
      long seed) {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be positive: " + iterations);
    }
    List<UUID> order = graph.order();
    int n = order.size();
    Map<UUID, Integer> index = new HashMap<>();
    for (int i = 0; i < n; i++) {
      index.put(order.get(i), i);
    }
    Map<UUID, LocalDate> forecasts = graph.forecasts();
    long[] base = new long[n];
    boolean[] fixed = new boolean[n];
    double[] buffer = new double[n];
    for (int i = 0; i < n; i++) {
      UUID id = order.get(i);
      base[i] = forecasts.get(id).toEpochDay();
      fixed[i] = graph.node(id).completed();
      buffer[i] = Math.max(0, bufferDays.getOrDefault(id, 0));
    }
    // predecessors as compressed rows; each edge's offset is how far the predecessor's date plus
    // lag lies before the latest one's (0 for the latest, negative for the others), so that in
    // slip terms the start is the latest of (predecessor's slip + offset)
    int[] predStart = new int[n + 1];
    for (int i = 0; i < n; i++) {
      predStart[i + 1] = predStart[i] + (fixed[i] ? 0 : graph.predecessors(order.get(i)).size());
    }
    int[] pred = new int[predStart[n]];
    double[] predOffset = new double[predStart[n]];
    for (int i = 0; i < n; i++) {
      if (fixed[i]) {
        continue;
      }
      List<ScheduleGraph.Edge> edges = graph.predecessors(order.get(i));
      long latest = Long.MIN_VALUE;
      for (ScheduleGraph.Edge e : edges) {
        latest = Math.max(latest, base[index.get(e.predecessor())] + e.lagDays());
      }
      int k = predStart[i];
      for (ScheduleGraph.Edge e : edges) {
        int p = index.get(e.predecessor());
        pred[k] = p;
        predOffset[k] = base[p] + e.lagDays() - latest;
        k++;
      }
    }
    // risks as compressed rows of the open milestones each one slips
    double[] chance = new double[risks.size()];
    double[] impact = new double[risks.size()];
    int[] linkStart = new int[risks.size() + 1];
    int[][] linked = new int[risks.size()][];
    for (int r = 0; r < risks.size(); r++) {
      Risk risk = risks.get(r);
      chance[r] = risk.chance();
      impact[r] = risk.impactDays();
      Set<Integer> targets = new LinkedHashSet<>();
      for (UUID id : risk.milestoneIds()) {
        Integer i = index.get(id);
        if (i != null && !fixed[i]) {
          targets.add(i);
        }
      }
      linked[r] = targets.stream().mapToInt(Integer::intValue).toArray();
      linkStart[r + 1] = linkStart[r] + linked[r].length;
    }
    int[] links = new int[linkStart[risks.size()]];
    for (int r = 0; r < risks.size(); r++) {
      System.arraycopy(linked[r], 0, links, linkStart[r], linked[r].length);
    }

    long end = n == 0 ? 0 : Arrays.stream(base).max().getAsLong();
    int[][] slips = new int[n][iterations];
    int[] endSlips = new int[iterations];
    double[] slip = new double[n];
    double[] extra = new double[n];
    SplittableRandom random = new SplittableRandom(seed);
    for (int it = 0; it < iterations; it++) {
      Arrays.fill(extra, 0);
      for (int r = 0; r < chance.length; r++) {
        // drawn for every risk, so that adding a link does not shift the other draws
        if (random.nextDouble() < chance[r]) {
          for (int k = linkStart[r]; k < linkStart[r + 1]; k++) {
            extra[links[k]] += impact[r];
          }
        }
      }
      double latestEnd = 0;
      for (int i = 0; i < n; i++) {
        double s = 0;
        if (!fixed[i]) {
          double start = 0;
          for (int k = predStart[i]; k < predStart[i + 1]; k++) {
            start = Math.max(start, slip[pred[k]] + predOffset[k]);
          }
          // triangular(min = mode = 0, max = buffer): inverse CDF b(1 - sqrt(1 - u))
          double drawn = buffer[i] > 0 ? buffer[i] * (1 - Math.sqrt(1 - random.nextDouble())) : 0;
          s = start + drawn + extra[i];
        }
        slip[i] = s;
        slips[i][it] = days(s);
        latestEnd = Math.max(latestEnd, base[i] - end + s);
      }
      endSlips[it] = days(latestEnd);
    }

    Map<UUID, Distribution> result = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      result.put(order.get(i), new Distribution(LocalDate.ofEpochDay(base[i]), slips[i]));
    }
    Distribution projectEnd = n == 0 ? null : new Distribution(LocalDate.ofEpochDay(end), endSlips);
    return new Result(result, projectEnd);
  }

  /** The whole days after the forecast on which a slip of {@code s} days is reached. */
  private static int days(double s) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, Math.ceil(s - EPSILON)));
  }
}
