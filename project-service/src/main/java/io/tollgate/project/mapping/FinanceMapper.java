package io.tollgate.project.mapping;

import io.tollgate.project.model.Benefit;
import io.tollgate.project.model.CostEntry;
import io.tollgate.project.rest.BenefitView;
import io.tollgate.project.rest.CostEntryView;

public final class FinanceMapper {

  private FinanceMapper() {}

  public static CostEntryView toView(CostEntry e) {
    return new CostEntryView(
        e.id,
        e.projectId,
        e.date,
        Amounts.money(e.amount, e.currency),
        e.category,
        e.note,
        e.createdBy,
        e.createdAt,
        e.version);
  }

  public static BenefitView toView(Benefit b) {
    return new BenefitView(
        b.id,
        b.projectId,
        b.description,
        Amounts.money(b.amount, b.currency),
        b.recurrence,
        b.startDate,
        b.endDate,
        b.createdBy,
        b.createdAt,
        b.version);
  }
}
