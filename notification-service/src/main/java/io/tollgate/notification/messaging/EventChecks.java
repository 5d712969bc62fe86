package io.tollgate.notification.messaging;

import io.tollgate.eventing.CloudEvent;
import io.tollgate.eventing.CloudEvents;
import java.util.UUID;

/** What fan-out needs of an event before it can route it. */
final class EventChecks {

  private EventChecks() {}

  /**
   * The event, when its data names its project (every milestone and risk event does): without it no
   * subscription's project can be matched nor its owner's access checked, so it is set aside on the
   * dead-letter topic rather than quietly reaching nobody.
   */
  static CloudEvent readable(CloudEvent event) {
    String project =
        event.data() == null || !event.data().path("projectId").isTextual()
            ? null
            : event.data().path("projectId").asText();
    try {
      if (project != null && UUID.fromString(project).toString().equalsIgnoreCase(project)) {
        return event;
      }
    } catch (IllegalArgumentException e) {
      // refused below
    }
    throw new CloudEvents.MalformedEventException(
        event.type() + " " + event.id() + " names no project (data.projectId)");
  }
}
