package io.tollgate.risk.rest;

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

  @Schema(name = "RiskPage", description = "One page of risks")
  static final class Risks extends Of<RiskView> {}

  @Schema(name = "RiskAssessmentPage", description = "One page of a risk's assessments")
  static final class Assessments extends Of<AssessmentView> {}
}
