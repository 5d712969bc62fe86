package io.tollgate.notification.mapping;

import io.tollgate.notification.model.Subscription;
import io.tollgate.notification.rest.EventTypeView;
import io.tollgate.notification.rest.SubscriptionPatch;
import io.tollgate.notification.rest.SubscriptionView;
import io.tollgate.notification.service.EventCatalogue;
import java.util.List;

public final class SubscriptionMapper {

  private SubscriptionMapper() {}

  /** The subscription as every read shows it: without its secret. */
  public static SubscriptionView toView(Subscription s) {
    return view(s, null);
  }

  /** The answer to a creation or rotation: the only ones that show the webhook's secret. */
  public static SubscriptionView withSecret(Subscription s) {
    return view(s, s.secret);
  }

  private static SubscriptionView view(Subscription s, String secret) {
    return new SubscriptionView(
        s.id,
        s.name,
        s.projectId,
        s.channel,
        s.url,
        s.email,
        List.copyOf(s.eventTypes),
        s.minSeverity,
        s.audience,
        s.digest,
        s.active,
        s.ownerId,
        secret,
        s.createdAt,
        s.updatedAt,
        s.version);
  }

  /** The writable fields as they are. */
  public static SubscriptionPatch toPatchable(Subscription s) {
    return new SubscriptionPatch(
        s.name,
        s.projectId,
        s.channel,
        s.url,
        s.email,
        List.copyOf(s.eventTypes),
        s.minSeverity,
        s.audience,
        s.digest,
        s.active);
  }

  public static EventTypeView toView(EventCatalogue.EventType type) {
    return new EventTypeView(type.type(), type.producer(), type.description());
  }
}
