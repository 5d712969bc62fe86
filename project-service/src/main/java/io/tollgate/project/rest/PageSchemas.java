package io.tollgate.project.rest;

import io.tollgate.rest.Page;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The OpenAPI schemas of the list answers: a {@link Page} of each kind of item, named, so that a
 * client generated from the document gets typed lists. Documentation only; the answers are {@link
 * Page}s.
 */
final class PageSchemas {

  private PageSchemas() {}

  /** The fields of {@link Page}, with its items typed. */
  abstract static class Of<T> {
    @Schema(required = true, description = "The page's items, in the list's stable order")
    public List<T> items;

    @Schema(required = true, description = "Zero-based page number")
    public int page;

    @Schema(required = true, description = "Requested page size")
    public int size;

    @Schema(required = true, description = "How many items match in all")
    public long totalItems;

    @Schema(required = true, description = "How many pages there are at this size")
    public int totalPages;
  }

  @Schema(name = "ProjectPage", description = "One page of projects")
  static final class Projects extends Of<ProjectView> {}

  @Schema(name = "PortfolioPage", description = "One page of the portfolio")
  static final class Portfolio extends Of<PortfolioItemView> {}

  @Schema(name = "GateRulePage", description = "One page of gate rules")
  static final class GateRules extends Of<GateRuleView> {}

  @Schema(name = "StakeholderPage", description = "One page of stakeholders")
  static final class Stakeholders extends Of<StakeholderView> {}

  @Schema(name = "CostEntryPage", description = "One page of the cost ledger")
  static final class CostEntries extends Of<CostEntryView> {}

  @Schema(name = "BenefitPage", description = "One page of benefits")
  static final class Benefits extends Of<BenefitView> {}

  @Schema(name = "KpiPage", description = "One page of KPIs")
  static final class Kpis extends Of<KpiView> {}

  @Schema(name = "MeasurementPage", description = "One page of a KPI's measurements")
  static final class Measurements extends Of<MeasurementView> {}

  @Schema(name = "PhaseTransitionPage", description = "One page of phase transitions")
  static final class PhaseTransitions extends Of<PhaseTransitionView> {}

  @Schema(name = "HistoryPage", description = "One page of a project's history")
  static final class History extends Of<HistoryEntryView> {}
}
