package io.tollgate.notification.service;

import io.tollgate.notification.model.Notification;
import io.tollgate.notification.repository.NotificationRepository;
import io.tollgate.rest.Page;
import io.tollgate.rest.PageRequest;
import io.tollgate.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The in-app inbox of one user (ADR 0026): every operation is about the caller's own notifications,
 * and someone else's is answered as if it did not exist.
 */
@ApplicationScoped
public class Inbox {

  private final NotificationRepository notifications;

  Inbox(NotificationRepository notifications) {
    this.notifications = notifications;
  }

  @Transactional
  public Page<Notification> list(
      String userId, NotificationRepository.Filter filter, PageRequest page) {
    var query = notifications.of(userId, filter);
    List<Notification> items = query.page(page.page(), page.size()).list();
    return Page.of(items, page, query.count());
  }

  @Transactional
  public Notification get(String userId, UUID id) {
    return notifications.ofUser(id, userId).orElseThrow(() -> notFound(id));
  }

  /** Marks it read; a second time keeps the first read_at. */
  @Transactional
  public void markRead(String userId, UUID id) {
    Notification n = get(userId, id);
    if (n.readAt == null) {
      n.readAt = OffsetDateTime.now(ZoneOffset.UTC);
    }
  }

  @Transactional
  public void markUnread(String userId, UUID id) {
    get(userId, id).readAt = null;
  }

  /** Marks every unread notification created up to {@code before} (default now) read. */
  @Transactional
  public int markAllRead(String userId, OffsetDateTime before) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return notifications.markAllRead(userId, before == null ? now : before, now);
  }

  @Transactional
  public long unread(String userId) {
    return notifications.unread(userId);
  }

  private static ProblemException notFound(UUID id) {
    return ProblemException.notFound("notification", id);
  }
}
