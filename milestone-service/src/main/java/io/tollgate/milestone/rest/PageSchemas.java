package io.tollgate.milestone.rest;

import io.tollgate.rest.Page;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The OpenAPI schemas of the list answers: a {@link Page} of each kind of item, named, so that a
 * client generated from the document gets typed lists. Documentation only.
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

  @Schema(name = "MilestonePage", description = "One page of milestones")
  static final class Milestones extends Of<MilestoneView> {}

  @Schema(name = "MilestoneBaselinePage", description = "One page of a milestone's baselines")
  static final class Baselines extends Of<BaselineView> {}

  @Schema(name = "MilestoneHistoryPage", description = "One page of a milestone's history")
  static final class History extends Of<HistoryEntryView> {}
}
