package io.tollgate.project.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.tollgate.project.model.Methodology;
import io.tollgate.project.model.Phase;
import io.tollgate.project.model.Project;
import io.tollgate.rest.Page;
import io.tollgate.rest.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class ProjectRepository implements PanacheRepositoryBase<Project, UUID> {

  /** What a project list can be narrowed to; {@code null} means "any". */
  /**
   * What a project list can be narrowed to: an empty set of phases, or null, means "any"; so does a
   * null {@code archived} (archived projects and the others alike).
   */
  public record Filter(Set<Phase> phases, Methodology methodology, String text, Boolean archived) {}

  /**
   * The project, locked for the rest of the transaction: every change to a project or to what
   * belongs to it takes this lock, so changes to one project are serialised (and so are the history
   * sequence and the events they write).
   */
  public Optional<Project> lock(UUID id) {
    return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
  }

  /**
   * Ids of the projects whose health is still worth watching (not archived, not finished), in id
   * order: at most {@code limit} of them after {@code after} ({@code null}: from the first), so
   * that a pass over every project holds one page of ids at a time.
   */
  public List<UUID> watched(UUID after, int limit) {
    var query =
        getEntityManager()
            .createQuery(
                "select p.id from Project p where p.archived = false and p.phase not in :done"
                    + (after == null ? "" : " and p.id > :after")
                    + " order by p.id",
                UUID.class)
            .setParameter("done", List.of(Phase.CLOSED, Phase.CANCELLED))
            .setMaxResults(limit);
    if (after != null) {
      query.setParameter("after", after);
    }
    return query.getResultList();
  }

  /**
   * Every project matching {@code filter}, unpaged and ordered by key, for the portfolio's orders
   * that need every project's figures; {@link #count} first, so that there is a bound.
   *
   * @param scope which projects the caller may see at all
   */
  public List<Project> matching(Filter filter, Scope scope) {
    Where where = where(filter, scope);
    return list(where.query(), Sort.by("key").and("id"), where.params());
  }

  /** How many projects {@link #matching} would return. */
  public long count(Filter filter, Scope scope) {
    Where where = where(filter, scope);
    return count(where.query(), where.params());
  }

  /** The constraint that keeps project keys unique (V1__projects.sql). */
  public static final String KEY_UNIQUE = "project_key_unique";

  /** What a list of projects can be ordered by. */
  public enum Order {
    KEY("key"),
    NAME("name"),
    START_DATE("startDate"),
    TARGET_DATE("targetDate"),
    CREATED_AT("createdAt"),
    UPDATED_AT("updatedAt");

    private final String field;

    Order(String field) {
      this.field = field;
    }
  }

  /** Projects matching {@code filter}, ordered by key (unique, so pages never overlap). */
  public Page<Project> search(Filter filter, PageRequest request) {
    return search(filter, request, Scope.ALL, Order.KEY, false);
  }

  /**
   * Like {@link #search(Filter, PageRequest)}, limited to what {@code scope} lets the caller see,
   * in {@code order}: projects without the value (no start or target date) come last either way,
   * and equal values are ordered by key, which is unique, so pages never overlap.
   */
  public Page<Project> search(
      Filter filter, PageRequest request, Scope scope, Order order, boolean descending) {
    Where where = where(filter, scope);
    Sort.Direction direction = descending ? Sort.Direction.Descending : Sort.Direction.Ascending;
    Sort sort =
        order == Order.KEY
            ? Sort.by("key", direction)
            : Sort.by(order.field, direction, Sort.NullPrecedence.NULLS_LAST).and("key");
    var query = find(where.query(), sort.and("id"), where.params());
    List<Project> items = query.page(request.page(), request.size()).list();
    return Page.of(items, request, query.count());
  }

  private record Where(String query, Parameters params) {}

  /**
   * Which projects a caller may see in a list.
   *
   * @param member only the projects this user is a stakeholder of; null for every project
   * @param only only these projects (an API key limited to them); null for no such limit
   */
  public record Scope(String member, Set<UUID> only) {

    public static final Scope ALL = new Scope(null, null);
  }

  private static Where where(Filter filter, Scope scope) {
    List<String> clauses = new ArrayList<>();
    Parameters params = new Parameters();
    if (scope.member() != null) {
      clauses.add("id in (select s.projectId from Stakeholder s where s.userId = :member)");
      params.and("member", scope.member());
    }
    if (scope.only() != null) {
      if (scope.only().isEmpty()) {
        clauses.add("1 = 0");
      } else {
        clauses.add("id in :only");
        params.and("only", scope.only());
      }
    }
    if (filter.archived() != null) {
      clauses.add("archived = :archived");
      params.and("archived", filter.archived());
    }
    if (filter.phases() != null && !filter.phases().isEmpty()) {
      clauses.add("phase in :phases");
      params.and("phases", filter.phases());
    }
    if (filter.methodology() != null) {
      clauses.add("methodology = :methodology");
      params.and("methodology", filter.methodology());
    }
    if (filter.text() != null && !filter.text().isBlank()) {
      clauses.add(
          "(lower(key) like :text escape '\\' or lower(name) like :text escape '\\'"
              + " or lower(coalesce(description, '')) like :text escape '\\'"
              + ")");
      params.and("text", "%" + escapeLike(filter.text().toLowerCase(Locale.ROOT)) + "%");
    }
    return new Where(String.join(" and ", clauses), params);
  }

  private static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
