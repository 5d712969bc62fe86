package io.tollgate.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** What a service knows of a project owned by project-service, kept current from its events. */
@Entity
@Table(name = "project_ref")
public class ProjectRef {

  @Id
  @Column(name = "project_id")
  public UUID projectId;

  @Column(name = "project_key", nullable = false)
  public String key;

  @Column(nullable = false)
  public String name;

  @Column(nullable = false)
  public String phase;

  @Column(nullable = false)
  public boolean archived;

  /** The project's version in project-service; older events never overwrite newer state. */
  @Column(nullable = false)
  public long version;

  /** How many events changed this row; a redelivered event must not count twice. */
  @Column(name = "events_applied", nullable = false)
  public int eventsApplied;

  @Column(name = "updated_at", nullable = false)
  public OffsetDateTime updatedAt;
}
