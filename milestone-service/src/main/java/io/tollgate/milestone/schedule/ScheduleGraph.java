package io.tollgate.milestone.schedule;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A project's milestones and their finish-to-start dependencies (DOMAIN.md "Schedule graph"):
 * forecasts propagated forward, the latest finishes that keep the project end backward, slack and
 * the critical path. Pure logic over what it is given; it never changes after it is built.
 */
public final class ScheduleGraph {

  /**
   * A milestone as the schedule sees it.
   *
   * @param ownForecast the forecast the team entered
   * @param actualDate when it was reached; null while open
   */
  public record Node(UUID id, String name, LocalDate ownForecast, LocalDate actualDate) {
    public Node {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(ownForecast, "ownForecast");
    }

    public boolean completed() {
      return actualDate != null;
    }
  }

  /** The successor cannot finish before the predecessor's finish plus {@code lagDays}. */
  public record Edge(UUID predecessor, UUID successor, int lagDays) {
    public Edge {
      Objects.requireNonNull(predecessor, "predecessor");
      Objects.requireNonNull(successor, "successor");
      if (lagDays < 0) {
        throw new IllegalArgumentException("lag must not be negative: " + lagDays);
      }
      if (predecessor.equals(successor)) {
        throw new IllegalArgumentException("a milestone cannot depend on itself: " + predecessor);
      }
    }
  }

  private final Map<UUID, Node> nodes = new LinkedHashMap<>();
  private final Map<UUID, List<Edge>> outgoing = new HashMap<>();
  private final Map<UUID, List<Edge>> incoming = new HashMap<>();
  private final List<UUID> order;
  private final Map<UUID, LocalDate> forecasts;

  /**
   * @param nodes in the order ties are broken in (the first of two independent milestones comes
   *     first in the topological order)
   * @throws IllegalArgumentException for an edge naming an unknown milestone, two edges between the
   *     same pair, or a cycle
   */
  public ScheduleGraph(Collection<Node> nodes, Collection<Edge> edges) {
    for (Node n : nodes) {
      if (this.nodes.putIfAbsent(n.id(), n) != null) {
        throw new IllegalArgumentException("milestone " + n.id() + " given twice");
      }
      outgoing.put(n.id(), new ArrayList<>());
      incoming.put(n.id(), new ArrayList<>());
    }
    for (Edge e : edges) {
      requireKnown(e.predecessor());
      requireKnown(e.successor());
      if (edge(e.predecessor(), e.successor()).isPresent()) {
        throw new IllegalArgumentException(
            "two dependencies of " + e.successor() + " on " + e.predecessor());
      }
      outgoing.get(e.predecessor()).add(e);
      incoming.get(e.successor()).add(e);
    }
    order = topologicalOrder();
    forecasts = propagate();
  }

  /** The dependency of {@code successor} on {@code predecessor}, if there is one. */
  public Optional<Edge> edge(UUID predecessor, UUID successor) {
    requireKnown(predecessor);
    return outgoing.get(predecessor).stream()
        .filter(e -> e.successor().equals(successor))
        .findFirst();
  }

  /** The milestone as it was given. */
  public Node node(UUID id) {
    requireKnown(id);
    return nodes.get(id);
  }

  /** The dependencies of the milestone on its predecessors, in the order they were given. */
  public List<Edge> predecessors(UUID id) {
    requireKnown(id);
    return Collections.unmodifiableList(incoming.get(id));
  }

  /** Every milestone once, each after all its predecessors (Kahn's algorithm). */
  public List<UUID> order() {
    return order;
  }

  /**
   * The cycle that a dependency of {@code successor} on {@code predecessor} would close, as the
   * milestones along it: {@code successor}, ..., {@code predecessor}, {@code successor} (the
   * shortest such path); empty when the graph stays acyclic with it (also when the dependency is
   * already there, its lag being changed).
   */
  public Optional<List<UUID>> cycleIfAdded(UUID predecessor, UUID successor) {
    requireKnown(predecessor);
    requireKnown(successor);
    if (predecessor.equals(successor)) {
      return Optional.of(List.of(successor, successor));
    }
    // the new edge closes a cycle exactly when the predecessor is already reachable from the
    // successor: breadth first, so that the error names the shortest one
    Map<UUID, UUID> reachedFrom = new HashMap<>();
    Deque<UUID> queue = new ArrayDeque<>();
    reachedFrom.put(successor, successor);
    queue.add(successor);
    while (!queue.isEmpty()) {
      UUID at = queue.poll();
      for (Edge e : outgoing.get(at)) {
        UUID next = e.successor();
        if (reachedFrom.putIfAbsent(next, at) != null) {
          continue;
        }
        if (next.equals(predecessor)) {
          List<UUID> path = new ArrayList<>();
          for (UUID step = predecessor; !step.equals(successor); step = reachedFrom.get(step)) {
            path.add(step);
          }
          path.add(successor);
          Collections.reverse(path);
          path.add(successor);
          return Optional.of(List.copyOf(path));
        }
        queue.add(next);
      }
    }
    return Optional.empty();
  }

  /**
   * Each milestone's effective forecast, in topological order: its actual date once completed, else
   * the latest of its own forecast and every predecessor's forecast plus the lag.
   */
  public Map<UUID, LocalDate> forecasts() {
    return forecasts;
  }

  /** The latest forecast of all; empty for a project without milestones. */
  public Optional<LocalDate> projectEnd() {
    return forecasts.values().stream().max(Comparator.naturalOrder());
  }

  /**
   * Per milestone, in topological order, the days it can still move without moving the project end:
   * the latest finish it may reach (the project end for a milestone nothing depends on, else the
   * earliest of each successor's latest finish less the lag) less its forecast.
   *
   * <p>A completed successor no longer depends on its predecessors (its forecast is its actual
   * date), so it does not hold them back either: only the dependencies the forward pass used count
   * here, and slack is never negative.
   */
  public Map<UUID, Long> slackDays() {
    Map<UUID, Long> slack = new LinkedHashMap<>();
    Optional<LocalDate> end = projectEnd();
    if (end.isEmpty()) {
      return slack;
    }
    Map<UUID, LocalDate> latest = new HashMap<>();
    for (int i = order.size() - 1; i >= 0; i--) {
      UUID id = order.get(i);
      LocalDate l = end.get();
      for (Edge e : outgoing.get(id)) {
        if (nodes.get(e.successor()).completed()) {
          continue;
        }
        LocalDate allowed = latest.get(e.successor()).minusDays(e.lagDays());
        if (allowed.isBefore(l)) {
          l = allowed;
        }
      }
      latest.put(id, l);
    }
    for (UUID id : order) {
      slack.put(id, ChronoUnit.DAYS.between(forecasts.get(id), latest.get(id)));
    }
    return slack;
  }

  /**
   * The milestones without slack, which move the project end when they move: by forecast, then in
   * topological order.
   */
  public List<UUID> criticalPath() {
    Map<UUID, Long> slack = slackDays();
    Map<UUID, Integer> position = new HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      position.put(order.get(i), i);
    }
    return order.stream()
        .filter(id -> slack.get(id) == 0)
        .sorted(Comparator.comparing(forecasts::get).thenComparing(position::get))
        .toList();
  }

  private List<UUID> topologicalOrder() {
    Map<UUID, Integer> waiting = new HashMap<>();
    Deque<UUID> ready = new ArrayDeque<>();
    for (UUID id : nodes.keySet()) {
      int n = incoming.get(id).size();
      waiting.put(id, n);
      if (n == 0) {
        ready.add(id);
      }
    }
    List<UUID> sorted = new ArrayList<>(nodes.size());
    while (!ready.isEmpty()) {
      UUID id = ready.poll();
      sorted.add(id);
      for (Edge e : outgoing.get(id)) {
        if (waiting.merge(e.successor(), -1, Integer::sum) == 0) {
          ready.add(e.successor());
        }
      }
    }
    if (sorted.size() != nodes.size()) {
      throw new IllegalArgumentException(
          "the dependencies form a cycle through "
              + nodes.keySet().stream().filter(id -> waiting.get(id) > 0).toList());
    }
    return List.copyOf(sorted);
  }

  private Map<UUID, LocalDate> propagate() {
    Map<UUID, LocalDate> result = new LinkedHashMap<>();
    for (UUID id : order) {
      Node n = nodes.get(id);
      LocalDate forecast = n.ownForecast();
      if (n.completed()) {
        forecast = n.actualDate();
      } else {
        for (Edge e : incoming.get(id)) {
          LocalDate allowed = result.get(e.predecessor()).plusDays(e.lagDays());
          if (allowed.isAfter(forecast)) {
            forecast = allowed;
          }
        }
      }
      result.put(id, forecast);
    }
    return Collections.unmodifiableMap(result);
  }

  private void requireKnown(UUID id) {
    if (!nodes.containsKey(id)) {
      throw new IllegalArgumentException("no milestone " + id + " in this schedule");
    }
  }
}
