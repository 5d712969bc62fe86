package io.tollgate.notification.service;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event type a subscription can be told of: what project-, milestone- and risk-service
 * publish, as their AsyncAPI contracts name them (kept here since this service cannot read the
 * other modules' resources; a test compares the two), so that a subscription names only types that
 * can ever reach it. notification-service's own events (notification.events) are not among them: it
 * does not consume them, and a dead delivery of a subscription to dead deliveries would feed
 * itself; they are for Kafka consumers.
 */
public final class EventCatalogue {

  /** The prefix of every type: {@code tollgate.<producer>.<event>.v<n>}. */
  public static final String PREFIX = "tollgate.";

  /** The suffix of a family of types, {@code tollgate.risk.*}. */
  public static final String FAMILY = ".*";

  /**
   * One type the platform publishes.
   *
   * @param type e.g. {@code tollgate.risk.assessed.v1}
   * @param producer the service that publishes it
   * @param description what happened, as the producer's contract says
   */
  public record EventType(String type, String producer, String description) {

    /** The family's short name, {@code risk} of {@code tollgate.risk.assessed.v1}. */
    public String family() {
      return type.substring(PREFIX.length(), type.indexOf('.', PREFIX.length()));
    }
  }

  private static final String PROJECT = "project-service";
  private static final String MILESTONE = "milestone-service";
  private static final String RISK = "risk-service";

  /** Every type, by producer and then as the producer's contract lists them. */
  public static final List<EventType> ALL =
      List.of(
          new EventType(
              "tollgate.project.created.v1", PROJECT, "A project was created (phase INITIATION)."),
          new EventType(
              "tollgate.project.updated.v1",
              PROJECT,
              "Writable fields of a project changed; data.changedFields names them."),
          new EventType(
              "tollgate.project.archived.v1",
              PROJECT,
              "A project was archived; it accepts no more changes."),
          new EventType(
              "tollgate.project.phase-changed.v1",
              PROJECT,
              "A project moved to another phase (advance through the gates, rework, hold, resume,"
                  + " cancel)."),
          new EventType(
              "tollgate.project.member-added.v1",
              PROJECT,
              "A person became a stakeholder with access to a project (the creator of a project is"
                  + " its first OWNER)."),
          new EventType(
              "tollgate.project.member-changed.v1",
              PROJECT,
              "A stakeholder's access, role or details changed; previousAccessRole is the access"
                  + " before."),
          new EventType(
              "tollgate.project.member-removed.v1",
              PROJECT,
              "A stakeholder was removed and has no access any more; accessRole is the access they"
                  + " had."),
          new EventType(
              "tollgate.project.health-changed.v1",
              PROJECT,
              "A project's health rating (GREEN / AMBER / RED) changed, or the grounds of the same"
                  + " rating did (previousRating then equals rating); data.reasons say why, for a"
                  + " business reader."),
          new EventType(
              "tollgate.project.cost-recorded.v1",
              PROJECT,
              "A cost was recorded in the project's ledger; data.cost is the entry as the API shows"
                  + " it."),
          new EventType(
              "tollgate.project.cost-removed.v1",
              PROJECT,
              "A ledger entry recorded in error was removed; data.cost is the entry as it was."),
          new EventType(
              "tollgate.project.benefit-added.v1",
              PROJECT,
              "An expected benefit was added to the project's business case; data.benefit is it as"
                  + " the API shows it."),
          new EventType(
              "tollgate.project.benefit-removed.v1",
              PROJECT,
              "An expected benefit was removed from the business case; data.benefit is it as it"
                  + " was."),
          new EventType(
              "tollgate.project.kpi-defined.v1",
              PROJECT,
              "A KPI was defined for the project; data.kpi is it as the API shows it, with where it"
                  + " stands (no measurement yet)."),
          new EventType(
              "tollgate.project.kpi-changed.v1",
              PROJECT,
              "A KPI's name, unit, target, direction or description changed"
                  + " (data.kpiChangedFields names them); data.kpi is it as the API shows it,"
                  + " judged against its new target."),
          new EventType(
              "tollgate.project.kpi-removed.v1",
              PROJECT,
              "A KPI was removed with its measurements; data.kpi is it as it was."),
          new EventType(
              "tollgate.project.kpi-measured.v1",
              PROJECT,
              "A measurement of a KPI was recorded; data.measurement is it as the API shows it"
                  + " (meetsTarget against the KPI's target), data.kpi where the KPI stands with"
                  + " it."),
          new EventType(
              "tollgate.project.kpi-measurement-removed.v1",
              PROJECT,
              "A measurement recorded in error was removed; data.measurement is it as it was,"
                  + " data.kpi where the KPI stands without it."),
          new EventType(
              "tollgate.milestone.created.v1", MILESTONE, "A milestone was planned for a project."),
          new EventType(
              "tollgate.milestone.updated.v1",
              MILESTONE,
              "Anything of a milestone changed (dates, forecast, zone, status, planned value),"
                  + " including a re-opening."),
          new EventType(
              "tollgate.milestone.completed.v1",
              MILESTONE,
              "A milestone was completed; data.status is COMPLETED and data.actualDate is set."),
          new EventType(
              "tollgate.milestone.deleted.v1",
              MILESTONE,
              "A milestone was removed from its project; data is its last state, with the version"
                  + " of the deletion."),
          new EventType(
              "tollgate.risk.assessed.v1",
              RISK,
              "A risk was identified or re-assessed (probability, impact, level); it is open."),
          new EventType(
              "tollgate.risk.closed.v1",
              RISK,
              "A risk was closed (it no longer threatens the project); data.status is CLOSED."));

  private static final Map<String, EventType> BY_TYPE =
      ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));

  /** The families: {@code tollgate.project.*}, {@code tollgate.risk.*}, ... */
  public static final Set<String> FAMILIES =
      ALL.stream()
          .map(t -> PREFIX + t.family() + FAMILY)
          .collect(Collectors.toCollection(LinkedHashSet::new));

  /** The prefix of notification-service's own types, published on notification.events. */
  public static final String OWN_PREFIX = PREFIX + "notification.";

  /** Why a subscription cannot name one of notification-service's own types or their family. */
  public static final String OWN_REFUSAL =
      "is an event of notification-service itself: notification-service's own events are for"
          + " Kafka consumers (notification.events), not subscriptions";

  private EventCatalogue() {}

  /** Whether {@code entry} names notification-service's own events, a type or their family. */
  public static boolean own(String entry) {
    return entry != null && entry.startsWith(OWN_PREFIX);
  }

  /** The type, if the platform publishes it. */
  public static Optional<EventType> find(String type) {
    return Optional.ofNullable(type == null ? null : BY_TYPE.get(type));
  }

  /** Whether a subscription may name {@code entry}: a known type or a known family. */
  public static boolean known(String entry) {
    return entry != null && (BY_TYPE.containsKey(entry) || FAMILIES.contains(entry));
  }

  /**
   * Whether {@code type} is what a subscription's {@code entry} asks for: the type itself, or a
   * family it belongs to.
   */
  public static boolean matches(String entry, String type) {
    if (entry.endsWith(FAMILY)) {
      return type.startsWith(entry.substring(0, entry.length() - 1));
    }
    return entry.equals(type);
  }

  /** Whether an event of {@code type} reaches a subscription to {@code entries} (empty: all). */
  public static boolean matchesAny(List<String> entries, String type) {
    return entries.isEmpty() || entries.stream().anyMatch(entry -> matches(entry, type));
  }
}
