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
 * Keeps the read model of risks from {@code risk.events}: the inbox record and the change commit
 * together, so a redelivered event is skipped; unreadable events go to the dead-letter topic.
 */
@ApplicationScoped
public class RiskEventConsumer {

  public static final String CHANNEL = "risk-events";
  public static final String TOPIC = "risk.events";
  public static final String ASSESSED = "tollgate.risk.assessed.v1";
  public static final String CLOSED = "tollgate.risk.closed.v1";

  private final CloudEvents cloudEvents;
  private final Inbox inbox;
  private final ReadModelService readModels;

  RiskEventConsumer(CloudEvents cloudEvents, Inbox inbox, ReadModelService readModels) {
    this.cloudEvents = cloudEvents;
    this.inbox = inbox;
    this.readModels = readModels;
  }

  @Incoming(CHANNEL)
  @Blocking
  @Transactional
  public void consume(ConsumerRecord<String, String> record) {
    inbox
        .accept(record.value(), "tollgate.risk.")
        // every v1 event carries the whole risk; other versions are not this reader's to read
        .filter(event -> event.type().endsWith(".v1"))
        .ifPresent(event -> readModels.risk(cloudEvents.data(event, RiskEventData.class)));
  }
}
