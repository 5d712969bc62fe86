package io.tollgate.directory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.common.annotation.Blocking;
import io.tollgate.eventing.CloudEvents;
import io.tollgate.eventing.InboxBatch;
import io.tollgate.security.AccessRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps {@link ProjectRef} and {@link ProjectMember} current from {@code project.events}. The inbox
 * record and the change commit together, so a redelivered event is skipped; the project's version,
 * and for memberships the event's sequence, keep an older event from overwriting newer state.
 */
@ApplicationScoped
public class ProjectEventConsumer {

  public static final String CHANNEL = "project-events";

  private final CloudEvents cloudEvents;
  private final InboxBatch batches;
  private final ProjectDirectory directory;
  private final EntityManager em;
  private final Instance<ProjectEventObserver> observers;

  ProjectEventConsumer(
      CloudEvents cloudEvents,
      InboxBatch batches,
      ProjectDirectory directory,
      EntityManager em,
      Instance<ProjectEventObserver> observers) {
    this.cloudEvents = cloudEvents;
    this.batches = batches;
    this.directory = directory;
    this.em = em;
    this.observers = observers;
  }

  /** The part of project-service's {@code tollgate.project.*.v1} data this service reads. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ProjectData(
      UUID projectId, String key, String name, String phase, boolean archived, long version) {}

  /**
   * The part of {@code tollgate.project.member-*.v1} data this service reads.
   *
   * @param sequence project-service's history sequence of the change: it grows with every change of
   *     a project, so of the events about one member the highest is the newest
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record MemberData(UUID projectId, String userId, AccessRole accessRole, Long sequence) {}

  static final String MEMBER_EVENTS = "tollgate.project.member-";

  /** One poll's records, applied in one transaction (see {@link InboxBatch}). */
  @Incoming(CHANNEL)
  @Blocking
  public void consume(ConsumerRecords<String, String> records) {
    batches.applyWithRecords(
        records,
        "tollgate.project.",
        (event, record) -> {
          if (event.type().startsWith(MEMBER_EVENTS)) {
            applyMember(event.type(), cloudEvents.data(event, MemberData.class));
          } else {
            apply(cloudEvents.data(event, ProjectData.class));
          }
          // in the same transaction, after the directory's update: an observer reads the
          // membership as this event left it (a removed member is no longer one)
          for (ProjectEventObserver observer : observers) {
            observer.observed(event, record.value());
          }
        });
  }

  // one project's events share a partition and still may not arrive in order (two relays of
  // project-service publishing at once, before ADR 0017; rows the broker acknowledged after one it
  // refused, which are sent again once that row is removed): the newest sequence wins, and a
  // removal stays as a row without a role so that its sequence is kept
  private void applyMember(String type, MemberData data) {
    if (data.projectId() == null || data.userId() == null) {
      throw new CloudEvents.MalformedEventException(type + " without projectId or userId");
    }
    if (data.sequence() == null || data.sequence() < 1) {
      throw new CloudEvents.MalformedEventException(type + " without a sequence");
    }
    boolean removed = type.startsWith(MEMBER_EVENTS + "removed");
    if (!removed && data.accessRole() == null) {
      throw new CloudEvents.MalformedEventException(type + " without accessRole");
    }
    ProjectMember.Id id = new ProjectMember.Id(data.projectId(), data.userId());
    ProjectMember member = em.find(ProjectMember.class, id);
    if (member != null && data.sequence() <= member.lastSequence) {
      return; // older than what the row already says
    }
    boolean known = member != null;
    if (!known) {
      member = new ProjectMember();
      member.id = id;
    }
    member.accessRole = removed ? null : data.accessRole();
    member.lastSequence = data.sequence();
    member.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    if (!known) {
      em.persist(member);
    }
  }

  private void apply(ProjectData data) {
    if (data.projectId() == null) {
      throw new CloudEvents.MalformedEventException("project event without projectId");
    }
    ProjectRef ref = directory.findById(data.projectId());
    boolean known = ref != null;
    if (known && data.version() < ref.version) {
      return;
    }
    if (!known) {
      ref = new ProjectRef();
      ref.projectId = data.projectId();
    }
    ref.key = data.key();
    ref.name = data.name();
    ref.phase = data.phase();
    ref.archived = data.archived();
    ref.version = data.version();
    ref.eventsApplied++;
    ref.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    if (!known) {
      directory.persist(ref);
    }
  }
}
