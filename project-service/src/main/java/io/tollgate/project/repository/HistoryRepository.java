package io.tollgate.project.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.tollgate.project.model.HistoryEntry;
import io.tollgate.rest.Page;
import io.tollgate.rest.PageRequest;
import io.tollgate.rest.PinnedPage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class HistoryRepository implements PanacheRepositoryBase<HistoryEntry, Long> {

  /** The key under which a transaction keeps the sequence of the last entry it recorded. */
  private record LatestRecorded(UUID projectId) {}

  private final TransactionSynchronizationRegistry transactions;

  HistoryRepository(TransactionSynchronizationRegistry transactions) {
    this.transactions = transactions;
  }

  /** What a history page can be narrowed to; {@code null} means "any". */
  public record Filter(
      String entityType,
      String entityId,
      String actor,
      OffsetDateTime from,
      OffsetDateTime to,
      Long before) {}

  /**
   * A project's history, newest first, read under a pin: the request's {@code before}, else one
   * past the newest entry that matches the filter, so that a walk that starts on any page sees the
   * list as it was when the walk began.
   */
  public PinnedPage<HistoryEntry> ofProject(UUID projectId, Filter filter, PageRequest request) {
    List<String> clauses = new ArrayList<>();
    Parameters params = Parameters.with("projectId", projectId);
    clauses.add("projectId = :projectId");
    if (filter.entityType() != null) {
      clauses.add("entityType = :entityType");
      params.and("entityType", filter.entityType());
    }
    if (filter.entityId() != null) {
      clauses.add("entityId = :entityId");
      params.and("entityId", filter.entityId());
    }
    if (filter.actor() != null) {
      clauses.add("actor = :actor");
      params.and("actor", filter.actor());
    }
    if (filter.from() != null) {
      clauses.add("occurredAt >= :from");
      params.and("from", filter.from());
    }
    if (filter.to() != null) {
      clauses.add("occurredAt <= :to");
      params.and("to", filter.to());
    }
    Long pin = filter.before();
    if (pin == null && request.page() > 0) {
      // a walk that starts past the first page: pinned to the list's newest entry now
      var newestQuery =
          getEntityManager()
              .createQuery(
                  "select max(seq) from HistoryEntry where " + String.join(" and ", clauses),
                  Long.class);
      params.map().forEach(newestQuery::setParameter);
      Long newest = newestQuery.getSingleResult();
      pin = newest == null ? null : newest + 1;
    }
    if (pin != null) {
      clauses.add("seq < :before");
      params.and("before", pin);
    }
    var query = find(String.join(" and ", clauses), Sort.by("seq").descending(), params);
    List<HistoryEntry> items = query.page(request.page(), request.size()).list();
    if (pin == null && !items.isEmpty()) {
      // the first page's first entry is the list's newest: no query needed to pin it
      pin = items.get(0).seq + 1;
    }
    return new PinnedPage<>(Page.of(items, request, query.count()), pin);
  }

  /**
   * The sequence of the project's latest history entry, {@code null} before its first. Read under
   * the project's lock right after a change was recorded, it is that change's.
   */
  public Long latestSeq(UUID projectId) {
    if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE
        && transactions.getResource(new LatestRecorded(projectId)) instanceof Long recorded) {
      // recorded by this transaction, under the project's lock: nothing later can exist
      return recorded;
    }
    return getEntityManager()
        .createQuery("select max(seq) from HistoryEntry where projectId = ?1", Long.class)
        .setParameter(1, projectId)
        .getSingleResult();
  }

  /**
   * Writes an entry (its identity {@code seq} comes back with the insert) and keeps its sequence
   * for {@link #latestSeq} until the transaction ends, which then needs no query: the event that
   * follows each change carries it.
   */
  public void record(HistoryEntry entry) {
    persist(entry);
    transactions.putResource(new LatestRecorded(entry.projectId), entry.seq);
  }

  /**
   * The last snapshot of the project taken at or before {@code at}: the last in the order the
   * changes were made ({@code seq}, taken under the project's lock), not the latest clock reading,
   * which comes from whichever replica made the change and may run behind another's.
   */
  public Optional<HistoryEntry> snapshotAt(UUID projectId, OffsetDateTime at) {
    return find(
            "projectId = ?1 and occurredAt <= ?2 and projectSnapshot is not null",
            Sort.by("seq").descending(),
            projectId,
            at)
        .firstResultOptional();
  }
}
