package io.tollgate.project.messaging;

import io.smallrye.common.annotation.Blocking;
import io.tollgate.eventing.CloudEvents;
import io.tollgate.eventing.Inbox;
import io.tollgate.project.service.ReadModelService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
  private final Inbox inbox;
  private final ReadModelService readModels;

  MilestoneEventConsumer(CloudEvents cloudEvents, Inbox inbox, ReadModelService readModels) {
    this.cloudEvents = cloudEvents;
    this.inbox = inbox;
    this.readModels = readModels;
  }

  @Incoming(CHANNEL)
  @Blocking
  @Transactional
  public void consume(ConsumerRecord<String, String> record) {
    inbox
        .accept(record.value(), "tollgate.milestone.")
        // every v1 event carries the whole milestone; other versions are not this reader's to read
        .filter(event -> event.type().endsWith(".v1"))
        .ifPresent(
            event ->
                readModels.milestone(
                    DELETED.equals(event.type()),
                    cloudEvents.data(event, MilestoneEventData.class)));
  }
}
