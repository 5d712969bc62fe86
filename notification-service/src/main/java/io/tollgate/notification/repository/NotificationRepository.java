package io.tollgate.notification.repository;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.tollgate.notification.model.Notification;
import io.tollgate.notification.model.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The in-app inbox: always one user's notifications, never anyone else's. */
@ApplicationScoped
public class NotificationRepository implements PanacheRepositoryBase<Notification, UUID> {

  /** Newest first, as the inbox lists them (index notification_user). */
  public static final Sort NEWEST_FIRST =
      Sort.by("createdAt", Sort.Direction.Descending).and("id", Sort.Direction.Descending);

  /**
   * @param unread only unread (true), only read (false), or both (null)
   * @param projects only these projects (an API key's limit, or the projectId filter); null: any
   * @param severities only these; empty: any
   */
  public record Filter(Boolean unread, Collection<UUID> projects, Set<Severity> severities) {}

  public PanacheQuery<Notification> of(String userId, Filter filter) {
    List<String> where = new ArrayList<>(List.of("userId = :user"));
    Parameters parameters = Parameters.with("user", userId);
    if (filter.unread() != null) {
      where.add(filter.unread() ? "readAt is null" : "readAt is not null");
    }
    if (filter.projects() != null) {
      where.add("projectId in :projects");
      parameters.and("projects", filter.projects());
    }
    if (!filter.severities().isEmpty()) {
      where.add("severity in :severities");
      parameters.and("severities", filter.severities());
    }
    return find(String.join(" and ", where), NEWEST_FIRST, parameters);
  }

  /** The user's notification; empty for someone else's, so that it is a 404 to them. */
  public Optional<Notification> ofUser(UUID id, String userId) {
    return find("id = :id and userId = :user", Parameters.with("id", id).and("user", userId))
        .firstResultOptional();
  }

  public long unread(String userId) {
    return count("userId = ?1 and readAt is null", userId);
  }

  /** Marks the user's unread notifications created up to {@code before} read; how many. */
  public int markAllRead(String userId, OffsetDateTime before, OffsetDateTime now) {
    return update(
        "readAt = :now where userId = :user and readAt is null and createdAt <= :before",
        Parameters.with("now", now).and("user", userId).and("before", before));
  }

  /**
   * The users' notifications created since {@code since}, oldest first: what a live stream may not
   * have sent yet.
   */
  public List<Notification> createdSince(Collection<String> users, OffsetDateTime since) {
    return find(
            "userId in :users and createdAt >= :since",
            Sort.by("createdAt").and("id"),
            Parameters.with("users", users).and("since", since))
        .list();
  }
}
