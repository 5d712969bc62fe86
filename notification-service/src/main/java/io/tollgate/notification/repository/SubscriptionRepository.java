package io.tollgate.notification.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.tollgate.notification.model.Channel;
import io.tollgate.notification.model.Subscription;
import io.tollgate.rest.Page;
import io.tollgate.rest.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class SubscriptionRepository implements PanacheRepositoryBase<Subscription, UUID> {

  /**
   * What a list is narrowed to; a null member means any.
   *
   * @param ownerId only this owner's (null: everyone's, for ADMIN)
   * @param projects only subscriptions to one of these projects (an API key's limit); null: any
   */
  public record Filter(
      String ownerId, UUID projectId, Channel channel, Boolean active, Set<UUID> projects) {}

  /** The subscriptions that match, oldest first, then by id. */
  public Page<Subscription> list(Filter filter, PageRequest request) {
    List<String> clauses = new ArrayList<>();
    Map<String, Object> params = new HashMap<>();
    if (filter.ownerId() != null) {
      clauses.add("ownerId = :ownerId");
      params.put("ownerId", filter.ownerId());
    }
    if (filter.projectId() != null) {
      clauses.add("projectId = :projectId");
      params.put("projectId", filter.projectId());
    }
    if (filter.channel() != null) {
      clauses.add("channel = :channel");
      params.put("channel", filter.channel());
    }
    if (filter.active() != null) {
      clauses.add("active = :active");
      params.put("active", filter.active());
    }
    if (filter.projects() != null) {
      if (filter.projects().isEmpty()) {
        return Page.of(List.of(), request, 0);
      }
      clauses.add("projectId in :projects");
      params.put("projects", filter.projects());
    }
    String where = clauses.isEmpty() ? "" : String.join(" and ", clauses) + " ";
    var query = find(where + "order by createdAt, id", params);
    long total = query.count();
    return Page.of(
        query.page(io.quarkus.panache.common.Page.of(request.page(), request.size())).list(),
        request,
        total);
  }
}
