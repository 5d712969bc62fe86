package io.tollgate.rest;

import java.util.function.Function;

/**
 * A page of a newest-first list together with the pin it was read under: the exclusive upper bound
 * (a sequence, a version) that the list was cut at, {@code null} when the list is empty. Every page
 * of one walk through the list is read under the same pin, so that items added meanwhile neither
 * repeat nor shift an entry, whichever page the walk started on.
 */
public record PinnedPage<T>(Page<T> page, Long pin) {

  public <R> PinnedPage<R> map(Function<T, R> mapper) {
    return new PinnedPage<>(page.map(mapper), pin);
  }
}
