package io.tollgate.project.messaging;

import io.tollgate.eventing.Outbox;
import io.tollgate.project.mapping.ProjectMapper;
import io.tollgate.project.model.Project;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The events project-service publishes on {@code project.events}, keyed by project id. */
@ApplicationScoped
public class ProjectEvents {

  public static final String TOPIC = "project.events";
  public static final String CREATED = "tollgate.project.created.v1";
  public static final String UPDATED = "tollgate.project.updated.v1";
  public static final String ARCHIVED = "tollgate.project.archived.v1";

  private final Outbox outbox;

  ProjectEvents(Outbox outbox) {
    this.outbox = outbox;
  }

  public void created(Project p) {
    emit(CREATED, p, null);
  }

  public void updated(Project p, List<String> changedFields) {
    emit(UPDATED, p, changedFields);
  }

  public void archived(Project p) {
    emit(ARCHIVED, p, null);
  }

  private void emit(String type, Project p, List<String> changedFields) {
    String id = p.id.toString();
    outbox.publish(TOPIC, id, type, id, ProjectMapper.toEvent(p, changedFields));
  }
}
