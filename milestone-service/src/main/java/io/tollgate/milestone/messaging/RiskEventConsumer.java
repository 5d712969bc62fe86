package io.tollgate.milestone.messaging;

import io.smallrye.common.annotation.Blocking;
import io.tollgate.eventing.CloudEvents;
import io.tollgate.eventing.InboxBatch;
import io.tollgate.milestone.service.RiskReadModel;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the read model of risks from {@code risk.events} for the risk-adjusted forecast: the inbox
 * record and the change commit together, so a redelivered event is skipped; unreadable events go to
 * {@code risk.events.milestone-service.dlq}.
 */
@ApplicationScoped
public class RiskEventConsumer {

  public static final String CHANNEL = "risk-events";
  public static final String TOPIC = "risk.events";
  public static final String ASSESSED = "tollgate.risk.assessed.v1";
  public static final String CLOSED = "tollgate.risk.closed.v1";

  private final CloudEvents cloudEvents;
  private final InboxBatch batches;
  private final RiskReadModel risks;

  RiskEventConsumer(CloudEvents cloudEvents, InboxBatch batches, RiskReadModel risks) {
    this.cloudEvents = cloudEvents;
    this.batches = batches;
    this.risks = risks;
  }

  /** One poll's records, applied in one transaction (see {@link InboxBatch}). */
  @Incoming(CHANNEL)
  @Blocking
  public void consume(ConsumerRecords<String, String> records) {
    batches.apply(
        records,
        "tollgate.risk.",
        // every v1 event carries the whole risk (the inbox passes on v1 events only)
        event -> risks.apply(cloudEvents.data(event, RiskEventData.class)));
  }
}
