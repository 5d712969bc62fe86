package io.tollgate.risk.messaging;

import io.smallrye.common.annotation.Blocking;
import io.tollgate.eventing.CloudEvents;
import io.tollgate.eventing.InboxBatch;
import io.tollgate.risk.service.ScheduleRisks;
import io.tollgate.risk.service.Times;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Raises and escalates the SCHEDULE risks of milestones that eat their buffers (ADR 0028) from
 * {@code milestone.events}: the inbox record, the risk's change and its event commit together, so a
 * redelivered event changes nothing; unreadable events go to the dead-letter topic.
 */
@ApplicationScoped
public class MilestoneEventConsumer {

  public static final String CHANNEL = "milestone-events";
  public static final String TOPIC = "milestone.events";
  public static final String CREATED = "tollgate.milestone.created.v1";
  public static final String UPDATED = "tollgate.milestone.updated.v1";
  public static final String COMPLETED = "tollgate.milestone.completed.v1";
  public static final String DELETED = "tollgate.milestone.deleted.v1";

  private final CloudEvents cloudEvents;
  private final InboxBatch batches;
  private final ScheduleRisks scheduleRisks;

  MilestoneEventConsumer(CloudEvents cloudEvents, InboxBatch batches, ScheduleRisks scheduleRisks) {
    this.cloudEvents = cloudEvents;
    this.batches = batches;
    this.scheduleRisks = scheduleRisks;
  }

  /** One poll's records, applied in one transaction (see {@link InboxBatch}). */
  @Incoming(CHANNEL)
  @Blocking
  public void consume(ConsumerRecords<String, String> records) {
    batches.apply(
        records,
        "tollgate.milestone.",
        // every v1 event carries the whole milestone (the inbox passes on v1 events only); LATE
        // counts its days up to the day the event was written
        event ->
            scheduleRisks.milestone(
                DELETED.equals(event.type()),
                cloudEvents.data(event, MilestoneEventData.class),
                event.time() == null
                    ? Times.today()
                    : event.time().atZoneSameInstant(ZoneOffset.UTC).toLocalDate()));
  }
}
