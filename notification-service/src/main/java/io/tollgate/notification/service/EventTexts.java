package io.tollgate.notification.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.tollgate.directory.ProjectDirectory;
import io.tollgate.directory.ProjectRef;
import io.tollgate.eventing.CloudEvents;
import io.tollgate.notification.model.Audience;
import io.tollgate.notification.model.NotificationEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * What an event says to an audience, the same in every channel: {@link Messages} with the project's
 * name from the directory, for the inbox (at fan-out) and for e-mails (from the stored envelope).
 */
@ApplicationScoped
public class EventTexts {

  private final ProjectDirectory directory;
  private final CloudEvents events;

  EventTexts(ProjectDirectory directory, CloudEvents events) {
    this.directory = directory;
    this.events = events;
  }

  /** What the directory knows of {@code project}; UNKNOWN for none or one it does not know. */
  Messages.ProjectName projectName(UUID project) {
    if (project == null) {
      return Messages.ProjectName.UNKNOWN;
    }
    ProjectRef ref = QuarkusTransaction.joiningExisting().call(() -> directory.findById(project));
    return ref == null ? Messages.ProjectName.UNKNOWN : new Messages.ProjectName(ref.key, ref.name);
  }

  /** The title and message of a stored event for {@code audience}, as its inbox entry has them. */
  Messages.Text of(NotificationEvent stored, Audience audience) {
    return Messages.of(events.parse(stored.envelope), projectName(stored.projectId), audience);
  }
}
