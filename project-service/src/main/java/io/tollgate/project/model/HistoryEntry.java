package io.tollgate.project.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One change in a project's history: who, when, what (JSON before/after). */
@Entity
@Table(name = "project_history")
public class HistoryEntry {

  /** Global and increasing; changes to one project are serialised, so it orders them too. */
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long seq;

  @Column(name = "project_id", nullable = false)
  public UUID projectId;

  @Column(name = "occurred_at", nullable = false)
  public OffsetDateTime occurredAt;

  @Column(nullable = false)
  public String actor;

  /** The API key the actor's change came with; null for the user's own token. */
  @Column(name = "api_key_id")
  public UUID apiKeyId;

  @Column(nullable = false)
  public String action;

  @Column(name = "entity_type", nullable = false)
  public String entityType;

  @Column(name = "entity_id", nullable = false)
  public String entityId;

  /** Comma-separated names of the fields that changed. */
  @Column(name = "changed_fields", length = 2000)
  public String changedFields;

  @Column(name = "before_state", columnDefinition = "text")
  public String beforeState;

  @Column(name = "after_state", columnDefinition = "text")
  public String afterState;

  /** The project as it was after this change, when the change was to the project itself. */
  @Column(name = "project_snapshot", columnDefinition = "text")
  public String projectSnapshot;
}
