package io.tollgate.notification.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The OpenAPI schema of a page of deliveries, typed. Documentation only. */
@Schema(name = "DeliveryPage", description = "One page of a subscription's deliveries")
final class DeliveryPage {
  @Schema(required = true, description = "Newest first")
  public List<DeliveryView> items;

  @Schema(required = true, description = "Zero-based page number")
  public int page;

  @Schema(required = true, description = "Requested page size")
  public int size;

  @Schema(required = true, description = "How many items match in all")
  public long totalItems;

  @Schema(required = true, description = "How many pages there are at this size")
  public int totalPages;
}
