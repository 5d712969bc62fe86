package io.tollgate.milestone.messaging;

import io.tollgate.eventing.Outbox;
import io.tollgate.milestone.mapping.MilestoneMapper;
import io.tollgate.milestone.model.Milestone;
import io.tollgate.milestone.service.Buffers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Publishes milestone.events (asyncapi.yaml) through the outbox, in the transaction of the change:
 * each method writes exactly one event and nothing else. The milestone's version must be current
 * (flushed) when it is called, since readers keep the highest version they have seen.
 */
@ApplicationScoped
public class MilestoneEvents {

  public static final String TOPIC = "milestone.events";
  public static final String CREATED = "tollgate.milestone.created.v1";
  public static final String UPDATED = "tollgate.milestone.updated.v1";
  public static final String COMPLETED = "tollgate.milestone.completed.v1";
  public static final String DELETED = "tollgate.milestone.deleted.v1";

  private final Outbox outbox;

  MilestoneEvents(Outbox outbox) {
    this.outbox = outbox;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void created(Milestone m) {
    publish(CREATED, m, m.version);
  }

  /** Any change, a re-opening and a forecast moved by a predecessor included. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void updated(Milestone m) {
    publish(UPDATED, m, m.version);
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void completed(Milestone m) {
    publish(COMPLETED, m, m.version);
  }

  /** The milestone's last state, with the deletion's version: one past its last. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void deleted(Milestone m) {
    publish(DELETED, m, m.version + 1);
  }

  private void publish(String type, Milestone m, long version) {
    outbox.publish(TOPIC, m.projectId.toString(), type, m.id.toString(), data(m, version));
  }

  static MilestoneEventData data(Milestone m, long version) {
    return new MilestoneEventData(
        m.id,
        m.projectId,
        m.name,
        m.kind,
        Buffers.status(m, Buffers.today()),
        m.plannedDate,
        m.bufferDays,
        m.forecastDate,
        m.actualDate,
        Buffers.zone(m),
        MilestoneMapper.decimal(m.plannedValue),
        version);
  }
}
