package io.tollgate.notification.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.tollgate.eventing.Periodic;
import io.tollgate.notification.model.Notification;
import io.tollgate.notification.repository.NotificationRepository;
import io.tollgate.notification.rest.NotificationView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The live streams of the inbox (Server-Sent Events). New notifications are found by polling the
 * database once a second, one query for every user connected to this replica, rather than pushed
 * from the consumer that wrote them: the consumer of an event runs on any replica, and the database
 * is what every replica shares, so a stream hears of a notification wherever it was written.
 *
 * <p>A notification's {@code created_at} is taken before its transaction commits, so a row can
 * become visible after a later one was already streamed: a poll looks back {@link #LOOK_BACK} and
 * each stream remembers what it sent in that window, so such a row is sent late rather than lost,
 * and nothing twice.
 */
@ApplicationScoped
public class NotificationStreams {

  private static final Logger LOG = Logger.getLogger(NotificationStreams.class);

  static final Duration POLL = Duration.ofSeconds(1);
  static final Duration HEARTBEAT = Duration.ofSeconds(15);

  /** How long after its created_at a notification may still commit and reach a stream. */
  static final Duration LOOK_BACK = Duration.ofMinutes(1);

  private final NotificationRepository notifications;
  private final ObjectMapper mapper;
  private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
  private Periodic poller;
  private Periodic heartbeat;

  NotificationStreams(NotificationRepository notifications, ObjectMapper mapper) {
    this.notifications = notifications;
    this.mapper = mapper;
  }

  /**
   * Starts streaming {@code userId}'s new notifications to {@code sink}; with {@code lastEventId}
   * (the id of the last notification the client received), those that came after it first.
   */
  public void open(String userId, String lastEventId, SseEventSink sink, Sse sse) {
    Stream stream = new Stream(userId, sink, sse);
    List<Notification> catchUp =
        QuarkusTransaction.requiringNew().call(() -> stream.start(anchor(userId, lastEventId)));
    for (Notification n : catchUp) {
      if (!stream.send(n)) {
        return;
      }
    }
    streams.add(stream);
    startTimers();
  }

  /** The notification the client last received, if it is the user's. */
  private Notification anchor(String userId, String lastEventId) {
    if (lastEventId == null || lastEventId.isBlank()) {
      return null;
    }
    try {
      return notifications.ofUser(UUID.fromString(lastEventId.trim()), userId).orElse(null);
    } catch (IllegalArgumentException e) {
      return null; // not an id this stream sent; stream from now on
    }
  }

  private synchronized void startTimers() {
    if (poller == null) {
      poller = Periodic.every(POLL, "notification-streams", this::poll);
      heartbeat = Periodic.every(HEARTBEAT, "notification-heartbeats", this::beat);
    }
  }

  /** One query for every connected user: what was created within the look-back. */
  void poll() {
    streams.removeIf(Stream::closed);
    if (streams.isEmpty()) {
      return;
    }
    Set<String> users = new HashSet<>();
    streams.forEach(s -> users.add(s.userId));
    OffsetDateTime since = OffsetDateTime.now(ZoneOffset.UTC).minus(LOOK_BACK);
    List<Notification> recent =
        QuarkusTransaction.requiringNew()
            .call(() -> notifications.createdSince(new ArrayList<>(users), since));
    for (Stream s : streams) {
      s.forget(since);
      for (Notification n : recent) {
        if (n.userId.equals(s.userId) && s.isNew(n) && !s.send(n)) {
          break;
        }
      }
    }
  }

  /** A comment line keeps proxies from closing an idle stream and tells a dead one apart. */
  void beat() {
    streams.removeIf(Stream::closed);
    for (Stream s : streams) {
      s.comment("heartbeat");
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    synchronized (this) {
      if (poller != null) {
        poller.stop();
        heartbeat.stop();
      }
    }
    streams.forEach(Stream::close);
  }

  /** One client's stream. */
  private final class Stream {
    final String userId;
    final SseEventSink sink;
    final Sse sse;

    /** What was sent, or known to the client, in the look-back window, by id. */
    final Map<UUID, OffsetDateTime> known = new ConcurrentHashMap<>();

    /** Notifications created before this are the client's already. */
    OffsetDateTime floor;

    Stream(String userId, SseEventSink sink, Sse sse) {
      this.userId = userId;
      this.sink = sink;
      this.sse = sse;
    }

    /**
     * What the client has not seen yet: everything after {@code anchor}, oldest first; without one,
     * nothing (the stream starts now). What it has seen in the look-back window is remembered.
     */
    List<Notification> start(Notification anchor) {
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
      OffsetDateTime from = anchor == null ? now : anchor.createdAt;
      floor = from.minus(LOOK_BACK);
      List<Notification> catchUp = new ArrayList<>();
      for (Notification n : notifications.createdSince(List.of(userId), floor)) {
        boolean after =
            anchor != null
                && (n.createdAt.isAfter(anchor.createdAt)
                    || (n.createdAt.isEqual(anchor.createdAt) && n.id.compareTo(anchor.id) > 0));
        known.put(n.id, n.createdAt);
        if (after) {
          catchUp.add(n);
        }
      }
      return catchUp;
    }

    boolean isNew(Notification n) {
      return !n.createdAt.isBefore(floor) && known.putIfAbsent(n.id, n.createdAt) == null;
    }

    void forget(OffsetDateTime before) {
      known.values().removeIf(createdAt -> createdAt.isBefore(before));
    }

    boolean closed() {
      return sink.isClosed();
    }

    /** Sends the notification as GET /{id} answers it; false once the client has gone. */
    boolean send(Notification n) {
      String json;
      try {
        json = mapper.writeValueAsString(NotificationView.of(n));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a notification cannot be written", e);
      }
      return emit(
          sse.newEventBuilder().id(n.id.toString()).name("notification").data(json).build());
    }

    void comment(String text) {
      emit(sse.newEventBuilder().comment(text).build());
    }

    private synchronized boolean emit(OutboundSseEvent event) {
      if (sink.isClosed()) {
        return false;
      }
      try {
        sink.send(event)
            .whenComplete(
                (ok, failure) -> {
                  if (failure != null) {
                    LOG.debugf("a notification stream of %s closed: %s", userId, failure);
                    close();
                  }
                });
        return true;
      } catch (IllegalStateException e) {
        return false;
      }
    }

    void close() {
      try {
        sink.close();
      } catch (RuntimeException e) {
        // already gone
      }
      streams.remove(this);
    }
  }
}
