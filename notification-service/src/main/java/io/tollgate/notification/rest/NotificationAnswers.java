package io.tollgate.notification.rest;

import io.tollgate.rest.Page;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The small bodies of the inbox API, and its page's OpenAPI schema. */
public final class NotificationAnswers {

  private NotificationAnswers() {}

  @Schema(name = "UnreadCount", description = "How many of the caller's notifications are unread")
  public record UnreadCount(@Schema(required = true, example = "3") long unread) {}

  @Schema(name = "MarkedRead", description = "How many notifications were marked read")
  public record Marked(@Schema(required = true, example = "12") int marked) {}

  @Schema(
      name = "MarkReadRequest",
      description = "Marks every unread notification of the caller created up to before")
  public record MarkRead(
      @Schema(description = "RFC 3339 timestamp; absent: now", example = "2026-03-10T08:15:00Z")
          OffsetDateTime before) {}

  /** The fields of {@link Page}, with its items typed. Documentation only. */
  @Schema(name = "NotificationPage", description = "One page of the caller's notifications")
  public static final class NotificationPage {
    @Schema(required = true, description = "The page's items, newest first")
    public List<NotificationView> items;

    @Schema(required = true, description = "Zero-based page number")
    public int page;

    @Schema(required = true, description = "Requested page size")
    public int size;

    @Schema(required = true, description = "How many items match in all")
    public long totalItems;

    @Schema(required = true, description = "How many pages there are at this size")
    public int totalPages;
  }
}
