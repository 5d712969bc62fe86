package io.tollgate.project.messaging;

import io.smallrye.common.annotation.Blocking;
import io.tollgate.eventing.CloudEvents;
import io.tollgate.eventing.InboxBatch;
import io.tollgate.project.service.ReadModelService;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the read model of milestones from {@code milestone.events}: the inbox record and the change
 * commit together, so a redelivered event is skipped; unreadable events go to the dead-letter
 * topic.
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
  private final ReadModelService readModels;

  MilestoneEventConsumer(CloudEvents cloudEvents, InboxBatch batches, ReadModelService readModels) {
    this.cloudEvents = cloudEvents;
    this.batches = batches;
    this.readModels = readModels;
  }

  /** One poll's records, applied in one transaction (see {@link InboxBatch}). */
  @Incoming(CHANNEL)
  @Blocking
  public void consume(ConsumerRecords<String, String> records) {
    batches.apply(
        records,
        "tollgate.milestone.",
        // every v1 event carries the whole milestone (the inbox passes on v1 events only)
        event ->
            readModels.milestone(
                DELETED.equals(event.type()), cloudEvents.data(event, MilestoneEventData.class)));
  }
}
