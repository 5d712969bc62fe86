package io.tollgate.notification.messaging;

import io.smallrye.common.annotation.Blocking;
import io.tollgate.eventing.InboxBatch;
import io.tollgate.notification.service.FanOut;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Hands every milestone event to its subscriptions: the inbox record and the fan-out commit
 * together, so a redelivered event is skipped; unreadable events go to {@code
 * milestone.events.notification-service.dlq}.
 */
@ApplicationScoped
public class MilestoneEventConsumer {

  public static final String CHANNEL = "milestone-events";

  private final InboxBatch batches;
  private final FanOut fanOut;

  MilestoneEventConsumer(InboxBatch batches, FanOut fanOut) {
    this.batches = batches;
    this.fanOut = fanOut;
  }

  /** One poll's records, applied in one transaction (see {@link InboxBatch}). */
  @Incoming(CHANNEL)
  @Blocking
  public void consume(ConsumerRecords<String, String> records) {
    batches.applyWithRecords(
        records,
        "tollgate.milestone.",
        (event, record) -> fanOut.fanOut(EventChecks.readable(event), record.value()));
  }
}
