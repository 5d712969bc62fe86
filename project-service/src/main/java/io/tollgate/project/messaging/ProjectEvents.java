package io.tollgate.project.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.Arc;
import io.tollgate.eventing.Outbox;
import io.tollgate.project.mapping.ProjectMapper;
import io.tollgate.project.model.Project;
import io.tollgate.project.repository.HistoryRepository;
import io.tollgate.project.rest.BenefitView;
import io.tollgate.project.rest.CostEntryView;
import io.tollgate.project.rest.KpiView;
import io.tollgate.project.rest.MeasurementView;
import io.tollgate.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.List;

/** The events project-service publishes on {@code project.events}, keyed by project id. */
@ApplicationScoped
public class ProjectEvents {

  public static final String TOPIC = "project.events";
  public static final String CREATED = "tollgate.project.created.v1";
  public static final String UPDATED = "tollgate.project.updated.v1";
  public static final String ARCHIVED = "tollgate.project.archived.v1";
  public static final String PHASE_CHANGED = "tollgate.project.phase-changed.v1";
  public static final String MEMBER_ADDED = "tollgate.project.member-added.v1";
  public static final String MEMBER_CHANGED = "tollgate.project.member-changed.v1";
  public static final String MEMBER_REMOVED = "tollgate.project.member-removed.v1";
  public static final String HEALTH_CHANGED = "tollgate.project.health-changed.v1";
  public static final String COST_RECORDED = "tollgate.project.cost-recorded.v1";
  public static final String COST_REMOVED = "tollgate.project.cost-removed.v1";
  public static final String BENEFIT_ADDED = "tollgate.project.benefit-added.v1";
  public static final String BENEFIT_REMOVED = "tollgate.project.benefit-removed.v1";
  public static final String KPI_DEFINED = "tollgate.project.kpi-defined.v1";
  public static final String KPI_CHANGED = "tollgate.project.kpi-changed.v1";
  public static final String KPI_REMOVED = "tollgate.project.kpi-removed.v1";
  public static final String KPI_MEASURED = "tollgate.project.kpi-measured.v1";
  public static final String KPI_MEASUREMENT_REMOVED =
      "tollgate.project.kpi-measurement-removed.v1";

  /** Every type this service publishes, for documentation checks. */
  public static final List<String> TYPES =
      List.of(
          CREATED,
          UPDATED,
          ARCHIVED,
          PHASE_CHANGED,
          MEMBER_ADDED,
          MEMBER_CHANGED,
          MEMBER_REMOVED,
          HEALTH_CHANGED,
          COST_RECORDED,
          COST_REMOVED,
          BENEFIT_ADDED,
          BENEFIT_REMOVED,
          KPI_DEFINED,
          KPI_CHANGED,
          KPI_REMOVED,
          KPI_MEASURED,
          KPI_MEASUREMENT_REMOVED);

  /** The KPI events, each with the KPI as the API shows it (KpiEventsTest). */
  public static final List<String> KPI_TYPES =
      List.of(KPI_DEFINED, KPI_CHANGED, KPI_REMOVED, KPI_MEASURED, KPI_MEASUREMENT_REMOVED);

  private final Outbox outbox;
  private final Instance<Caller> caller;
  private final ObjectMapper mapper;
  private final HistoryRepository history;

  ProjectEvents(
      Outbox outbox, Instance<Caller> caller, ObjectMapper mapper, HistoryRepository history) {
    this.outbox = outbox;
    this.caller = caller;
    this.mapper = mapper;
    this.history = history;
  }

  public void created(Project p) {
    emit(CREATED, p, ProjectMapper.toEvent(p, null));
  }

  public void updated(Project p, List<String> changedFields) {
    emit(UPDATED, p, ProjectMapper.toEvent(p, changedFields));
  }

  public void archived(Project p) {
    emit(ARCHIVED, p, ProjectMapper.toEvent(p, null));
  }

  public void phaseChanged(Project p, PhaseChangedData data) {
    emit(PHASE_CHANGED, p, data);
  }

  public void memberAdded(Project p, MemberEventData data) {
    emit(MEMBER_ADDED, p, data);
  }

  public void memberChanged(Project p, MemberEventData data) {
    emit(MEMBER_CHANGED, p, data);
  }

  public void memberRemoved(Project p, MemberEventData data) {
    emit(MEMBER_REMOVED, p, data);
  }

  /** A cost recorded in, or removed from, the project's ledger ({@code removed}). */
  public void cost(Project p, CostEntryView entry, boolean removed) {
    emit(
        removed ? COST_REMOVED : COST_RECORDED,
        p,
        new FinanceEventData(ProjectMapper.toEvent(p, null), entry, null));
  }

  /** An expected benefit added to, or removed from, the project's business case. */
  public void benefit(Project p, BenefitView benefit, boolean removed) {
    emit(
        removed ? BENEFIT_REMOVED : BENEFIT_ADDED,
        p,
        new FinanceEventData(ProjectMapper.toEvent(p, null), null, benefit));
  }

  public void kpiDefined(Project p, KpiView kpi) {
    emit(KPI_DEFINED, p, new KpiEventData(ProjectMapper.toEvent(p, null), kpi, null, null));
  }

  /** {@code changedFields} names which of the KPI's fields the change set. */
  public void kpiChanged(Project p, KpiView kpi, List<String> changedFields) {
    emit(
        KPI_CHANGED, p, new KpiEventData(ProjectMapper.toEvent(p, null), kpi, null, changedFields));
  }

  /** A KPI removed with its measurements; {@code kpi} is as it was. */
  public void kpiRemoved(Project p, KpiView kpi) {
    emit(KPI_REMOVED, p, new KpiEventData(ProjectMapper.toEvent(p, null), kpi, null, null));
  }

  /**
   * A measurement recorded of, or removed from ({@code removed}), a KPI, which then stands as
   * {@code kpi} says.
   */
  public void kpiMeasurement(Project p, KpiView kpi, MeasurementView m, boolean removed) {
    emit(
        removed ? KPI_MEASUREMENT_REMOVED : KPI_MEASURED,
        p,
        new KpiEventData(ProjectMapper.toEvent(p, null), kpi, m, null));
  }

  public void healthChanged(Project p, HealthChangedData data) {
    // computed by the platform, whatever set it off: no author
    publish(HEALTH_CHANGED, p, data);
  }

  /**
   * Publishes a change someone made, with who made it ({@code changedBy}, and {@code apiKeyId} when
   * a key was used), so that an integrator can say "alice archived CRM" as the audit does, and its
   * place in the project's history ({@code sequence}: every change is recorded there, under the
   * project's lock, just before its event), which orders all of a project's events, whatever their
   * type, as the changes were made.
   */
  private void emit(String type, Project p, Object data) {
    ObjectNode withAuthor = mapper.valueToTree(data);
    if (!withAuthor.has("sequence")) {
      Long sequence = history.latestSeq(p.id);
      if (sequence != null) {
        withAuthor.put("sequence", sequence);
      }
    }
    if (Arc.container().requestContext().isActive()) {
      Caller who = caller.get();
      withAuthor.put("changedBy", who.userId());
      who.apiKeyId().ifPresent(key -> withAuthor.put("apiKeyId", key.toString()));
    }
    publish(type, p, withAuthor);
  }

  private void publish(String type, Project p, Object data) {
    String id = p.id.toString();
    outbox.publish(TOPIC, id, type, id, data);
  }
}
