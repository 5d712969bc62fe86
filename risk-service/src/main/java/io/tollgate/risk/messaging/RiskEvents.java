package io.tollgate.risk.messaging;

import io.tollgate.eventing.Outbox;
import io.tollgate.risk.model.Risk;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Publishes risk.events (asyncapi.yaml) through the outbox, in the transaction of the change: each
 * method writes exactly one event. The risk's version must be current (flushed) when it is called,
 * since readers keep the highest version they have seen.
 */
@ApplicationScoped
public class RiskEvents {

  public static final String TOPIC = "risk.events";
  public static final String ASSESSED = "tollgate.risk.assessed.v1";
  public static final String CLOSED = "tollgate.risk.closed.v1";

  private final Outbox outbox;

  RiskEvents(Outbox outbox) {
    this.outbox = outbox;
  }

  /** Identified, changed or re-opened: the risk is open. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void assessed(Risk r) {
    publish(ASSESSED, r);
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void closed(Risk r) {
    publish(CLOSED, r);
  }

  private void publish(String type, Risk r) {
    outbox.publish(TOPIC, r.projectId.toString(), type, r.id.toString(), data(r));
  }

  static RiskEventData data(Risk r) {
    return new RiskEventData(
        r.id,
        r.projectId,
        r.title,
        r.category,
        r.probability,
        r.impact,
        r.score,
        r.level,
        r.status,
        List.copyOf(r.milestoneIds),
        r.version,
        r.scheduleImpactDays);
  }
}
