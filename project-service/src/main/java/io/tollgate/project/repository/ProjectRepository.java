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
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ProjectRepository implements PanacheRepositoryBase<Project, UUID> {

  /** What a project list can be narrowed to; {@code null} means "any". */
  public record Filter(Phase phase, Methodology methodology, String text, boolean archived) {}

  /**
   * The project, locked for the rest of the transaction: every change to a project or to what
   * belongs to it takes this lock, so changes to one project are serialised (and so are the history
   * sequence and the events they write).
   */
  public Optional<Project> lock(UUID id) {
    return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
  }

  /** Ids of the projects whose health is still worth watching: not archived, not finished. */
  public List<UUID> watched() {
    return getEntityManager()
        .createQuery(
            "select p.id from Project p where p.archived = false and p.phase not in :done",
            UUID.class)
        .setParameter("done", List.of(Phase.CLOSED, Phase.CANCELLED))
        .getResultList();
  }

  /**
   * Every project matching {@code filter}, unpaged, for the portfolio.
   *
   * @param only the projects the caller may see; null for all
   */
  public List<Project> matching(Filter filter, Collection<UUID> only) {
    if (only != null && only.isEmpty()) {
      return List.of();
    }
    List<String> clauses = new ArrayList<>();
    Parameters params = new Parameters();
    clauses.add("archived = :archived");
    params.and("archived", filter.archived());
    if (only != null) {
      clauses.add("id in :only");
      params.and("only", only);
    }
    if (filter.phase() != null) {
      clauses.add("phase = :phase");
      params.and("phase", filter.phase());
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
    return list(String.join(" and ", clauses), Sort.by("key").and("id"), params);
  }

  /** The constraint that keeps project keys unique (V1__projects.sql). */
  public static final String KEY_UNIQUE = "project_key_unique";

  /** Projects matching {@code filter}, ordered by key (unique, so pages never overlap). */
  public Page<Project> search(Filter filter, PageRequest request) {
    return search(filter, request, null);
  }

  /**
   * Like {@link #search(Filter, PageRequest)}, limited to the projects {@code memberUserId} is a
   * stakeholder of ({@code null}: every project).
   */
  public Page<Project> search(Filter filter, PageRequest request, String memberUserId) {
    List<String> clauses = new ArrayList<>();
    Parameters params = new Parameters();
    if (memberUserId != null) {
      clauses.add("id in (select s.projectId from Stakeholder s where s.userId = :member)");
      params.and("member", memberUserId);
    }
    clauses.add("archived = :archived");
    params.and("archived", filter.archived());
    if (filter.phase() != null) {
      clauses.add("phase = :phase");
      params.and("phase", filter.phase());
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
    var query = find(String.join(" and ", clauses), Sort.by("key").and("id"), params);
    List<Project> items = query.page(request.page(), request.size()).list();
    return Page.of(items, request, query.count());
  }

  private static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
