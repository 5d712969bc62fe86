package io.tollgate.rest;

import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of a list, in a stable order.
 *
 * @param items the page's items
 * @param page zero-based page number
 * @param size requested page size
 * @param totalItems how many items match in all
 * @param totalPages how many pages there are at this size
 */
@Schema(name = "Page", description = "One page of a list, in a stable order")
public record Page<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

  public static <T> Page<T> of(List<T> items, PageRequest request, long total) {
    int pages = (int) ((total + request.size() - 1) / request.size());
    return new Page<>(items, request.page(), request.size(), total, pages);
  }

  public <R> Page<R> map(Function<T, R> mapper) {
    return new Page<>(items.stream().map(mapper).toList(), page, size, totalItems, totalPages);
  }

  public boolean hasNext() {
    return page + 1 < totalPages;
  }
}
