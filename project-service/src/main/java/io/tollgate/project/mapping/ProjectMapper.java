package io.tollgate.project.mapping;

import io.tollgate.project.messaging.ProjectEventData;
import io.tollgate.project.model.Project;
import io.tollgate.project.rest.MoneyInput;
import io.tollgate.project.rest.ProjectPatch;
import io.tollgate.project.rest.ProjectView;
import java.util.List;

/** Maps the project entity to its API and event representations; entities never leave here. */
public final class ProjectMapper {

  private ProjectMapper() {}

  public static ProjectView toView(Project p) {
    return new ProjectView(
        p.id,
        p.key,
        p.name,
        p.description,
        p.methodology,
        p.phase,
        p.heldPhase,
        p.startDate,
        p.targetDate,
        Amounts.money(p.budgetAmount, p.budgetCurrency),
        p.archived,
        p.archivedAt,
        p.createdBy,
        p.createdAt,
        p.updatedAt,
        p.version);
  }

  public static ProjectPatch toPatchable(Project p) {
    return new ProjectPatch(
        p.name,
        p.description,
        p.methodology,
        p.startDate,
        p.targetDate,
        p.hasBudget() ? new MoneyInput(p.budgetAmount, p.budgetCurrency) : null);
  }

  public static ProjectEventData toEvent(Project p, List<String> changedFields) {
    return new ProjectEventData(
        p.id,
        p.key,
        p.name,
        p.description,
        p.methodology.name(),
        p.phase.name(),
        p.startDate,
        p.targetDate,
        Amounts.money(p.budgetAmount, p.budgetCurrency),
        p.archived,
        p.version,
        changedFields);
  }
}
