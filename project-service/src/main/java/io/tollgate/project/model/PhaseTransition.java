package io.tollgate.project.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A phase change that happened, with its reason and, when gates were overridden, why. */
@Entity
@Table(name = "phase_transition")
public class PhaseTransition {

  @Id public UUID id;

  @Column(name = "project_id", nullable = false)
  public UUID projectId;

  @Enumerated(EnumType.STRING)
  @Column(name = "from_phase", nullable = false)
  public Phase fromPhase;

  @Enumerated(EnumType.STRING)
  @Column(name = "to_phase", nullable = false)
  public Phase toPhase;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public TransitionKind kind;

  @Column(nullable = false, length = 2000)
  public String reason;

  /** Set when an ADMIN overrode the gates; the transition passed although criteria were unmet. */
  @Column(name = "override_justification", length = 2000)
  public String overrideJustification;

  /** JSON array of the criteria that were unmet when the override let the transition pass. */
  @Column(name = "overridden_criteria", columnDefinition = "text")
  public String overriddenCriteria;

  @Column(nullable = false)
  public String actor;

  @Column(name = "occurred_at", nullable = false)
  public OffsetDateTime occurredAt;

  /** The project's version after the transition. */
  @Column(name = "project_version", nullable = false)
  public long projectVersion;
}
