package io.tollgate.project.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The health rating last announced for a project, so that only a change is announced. */
@Entity
@Table(name = "project_health")
public class ProjectHealth {

  @Id
  @Column(name = "project_id")
  public UUID projectId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public HealthRating rating;

  /** JSON array of the reasons. */
  @Column(nullable = false, columnDefinition = "text")
  public String reasons;

  @Column(name = "evaluated_at", nullable = false)
  public OffsetDateTime evaluatedAt;

  /** When the rating last changed. */
  @Column(name = "changed_at", nullable = false)
  public OffsetDateTime changedAt;
}
