package io.tollgate.milestone.service;

import io.tollgate.milestone.model.FeverZone;
import io.tollgate.milestone.schedule.ScheduleGraph;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A project's point on the fever chart (DOMAIN.md "Buffers and the fever chart", ADR 0029): how
 * much of the critical path is completed against how much of the project-end buffer is consumed,
 * and the zone that puts it in. Pure logic over a schedule; compared in whole numbers, as {@link
 * Buffers} does, so that a point exactly on a zone's line is in the upper zone.
 */
public final class FeverChart {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private FeverChart() {}

  /** What the chart needs of a milestone besides the schedule: its baseline and its buffer. */
  public record Plan(LocalDate plannedDate, int bufferDays) {
    public Plan {
      Objects.requireNonNull(plannedDate, "plannedDate");
    }
  }

  /**
   * A point.
   *
   * @param projectEndMilestoneId the milestone whose buffer is the project-end buffer
   * @param slipDays its slip (forecast - planned, early counting 0)
   * @param bufferDays its buffer
   * @param criticalPath the milestones completion counts, by forecast then dependency order
   * @param completed how many of them are completed
   */
  public record Point(
      BigDecimal completionPercent,
      BigDecimal consumptionPercent,
      FeverZone zone,
      UUID projectEndMilestoneId,
      long slipDays,
      int bufferDays,
      List<UUID> criticalPath,
      int completed) {}

  /**
   * The point of a schedule; empty without milestones.
   *
   * @param plans every milestone of the schedule's plan
   */
  public static Optional<Point> of(ScheduleGraph graph, Map<UUID, Plan> plans) {
    Optional<LocalDate> end = graph.projectEnd();
    if (end.isEmpty()) {
      return Optional.empty();
    }
    List<UUID> critical = graph.criticalPath();
    Map<UUID, LocalDate> forecasts = graph.forecasts();
    // every milestone on the project end is on the critical path (its slack is 0); of several,
    // the one that consumed most of its buffer, as it is the one the end is most at risk by
    UUID projectEnd = null;
    for (UUID id : critical) {
      if (forecasts.get(id).equals(end.get())
          && (projectEnd == null || compareConsumption(plans, forecasts, id, projectEnd) >= 0)) {
        projectEnd = id;
      }
    }
    List<UUID> path = path(graph, critical, projectEnd);
    int completed = (int) path.stream().filter(id -> graph.node(id).completed()).count();
    long slip = slip(plans.get(projectEnd), forecasts.get(projectEnd));
    int buffer = plans.get(projectEnd).bufferDays();
    return Optional.of(
        new Point(
            percent(completed, path.size()),
            consumptionPercent(slip, buffer),
            zone(completed, path.size(), slip, buffer),
            projectEnd,
            slip,
            buffer,
            path,
            completed));
  }

  /**
   * The zone of a point whose completion is {@code completed / onPath} and whose consumption is
   * {@code slip / buffer}: GREEN while consumption < 15 % + 0.6 x completion, RED from 30 % + 0.6 x
   * completion, else YELLOW. No slip is no consumption; without a buffer any slip consumes all of
   * it and more (c >= 1), which is RED at every completion (30 % + 60 % < 100 %).
   */
  public static FeverZone zone(int completed, int onPath, long slip, int buffer) {
    if (onPath <= 0 || completed < 0 || completed > onPath || slip < 0 || buffer < 0) {
      throw new IllegalArgumentException(
          "no point: " + completed + "/" + onPath + " completed, slip " + slip + "/" + buffer);
    }
    if (slip == 0) {
      return FeverZone.GREEN;
    }
    if (buffer == 0) {
      return FeverZone.RED;
    }
    // slip / buffer against (p + 60 x completed / onPath) / 100, multiplied out: exact
    long consumed = 100L * slip * onPath;
    if (consumed < (15L * onPath + 60L * completed) * buffer) {
      return FeverZone.GREEN;
    }
    return consumed >= (30L * onPath + 60L * completed) * buffer ? FeverZone.RED : FeverZone.YELLOW;
  }

  /**
   * The project-end buffer consumed, in percent to 2 places (slip / buffer, as {@link
   * Buffers#consumption} to 4 places, not capped); 100 for a slip without a buffer, which consumed
   * all of it (and any more it would have had).
   */
  public static BigDecimal consumptionPercent(long slip, int buffer) {
    if (slip == 0) {
      return BigDecimal.ZERO.setScale(2);
    }
    return buffer == 0 ? HUNDRED.setScale(2) : percent(slip, buffer);
  }

  /**
   * The milestones completion counts: the critical path, and every completed milestone the
   * project-end milestone depends on, directly or not. A completed milestone usually leaves the
   * zero-slack path (nothing waits on its actual date), which would take the work done out of the
   * share instead of counting it as done.
   */
  static List<UUID> path(ScheduleGraph graph, List<UUID> critical, UUID projectEnd) {
    Set<UUID> on = new LinkedHashSet<>(critical);
    Deque<UUID> todo = new ArrayDeque<>(List.of(projectEnd));
    Set<UUID> seen = new HashSet<>(todo);
    while (!todo.isEmpty()) {
      for (ScheduleGraph.Edge e : graph.predecessors(todo.poll())) {
        if (seen.add(e.predecessor())) {
          todo.add(e.predecessor());
          if (graph.node(e.predecessor()).completed()) {
            on.add(e.predecessor());
          }
        }
      }
    }
    Map<UUID, Integer> position = new HashMap<>();
    List<UUID> order = graph.order();
    for (int i = 0; i < order.size(); i++) {
      position.put(order.get(i), i);
    }
    List<UUID> path = new ArrayList<>(on);
    path.sort(
        Comparator.comparing((UUID id) -> graph.forecasts().get(id)).thenComparing(position::get));
    return List.copyOf(path);
  }

  private static long slip(Plan plan, LocalDate forecast) {
    return Math.max(0, ChronoUnit.DAYS.between(plan.plannedDate(), forecast));
  }

  /** a's consumption against b's, exactly; a slip without a buffer is more than any ratio. */
  private static int compareConsumption(
      Map<UUID, Plan> plans, Map<UUID, LocalDate> forecasts, UUID a, UUID b) {
    long slipA = slip(plans.get(a), forecasts.get(a));
    long slipB = slip(plans.get(b), forecasts.get(b));
    int bufA = plans.get(a).bufferDays();
    int bufB = plans.get(b).bufferDays();
    boolean allA = bufA == 0 && slipA > 0;
    boolean allB = bufB == 0 && slipB > 0;
    if (allA || allB) {
      return Boolean.compare(allA, allB);
    }
    return Long.compare(slipA * Math.max(bufB, 1), slipB * Math.max(bufA, 1));
  }

  private static BigDecimal percent(long part, long whole) {
    return BigDecimal.valueOf(part)
        .multiply(HUNDRED)
        .divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
  }
}
