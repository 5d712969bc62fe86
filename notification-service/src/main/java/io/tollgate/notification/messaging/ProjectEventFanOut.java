package io.tollgate.notification.messaging;

import io.tollgate.directory.ProjectEventObserver;
import io.tollgate.eventing.CloudEvent;
import io.tollgate.notification.service.FanOut;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Hands every project event to its subscriptions, through the directory's consumer of {@code
 * project.events} (which owns that topic's inbox): in its transaction and after its update, so a
 * member removed by this very event no longer receives it.
 */
@ApplicationScoped
public class ProjectEventFanOut implements ProjectEventObserver {

  private final FanOut fanOut;

  ProjectEventFanOut(FanOut fanOut) {
    this.fanOut = fanOut;
  }

  @Override
  public void observed(CloudEvent event, String recordValue) {
    fanOut.fanOut(event, recordValue);
  }
}
