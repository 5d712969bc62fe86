package io.tollgate.risk.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A milestone as milestone.events last described it, and the automatic SCHEDULE risk following it
 * (ADR 0028): enough to ignore older events and to tell a further slip from the same one.
 */
@Entity
@Table(name = "milestone_ref")
public class MilestoneRef {

  @Id
  @Column(name = "milestone_id")
  public UUID milestoneId;

  @Column(name = "project_id", nullable = false)
  public UUID projectId;

  @Column(nullable = false)
  public String name;

  @Column(nullable = false)
  public String status;

  public String zone;

  @Column(nullable = false)
  public boolean deleted;

  @Column(nullable = false)
  public long version;

  /** The automatic risk raised last for it; null when none was. */
  @Column(name = "risk_id")
  public UUID riskId;

  /** That risk's version after the last automatic change; null once a person changed it. */
  @Column(name = "risk_version")
  public Long riskVersion;

  /** Days beyond planned date + buffer the risk was last assessed for; null within the buffer. */
  @Column(name = "marked_overrun")
  public Integer markedOverrun;

  @Column(name = "marked_late", nullable = false)
  public boolean markedLate;

  @Column(name = "updated_at", nullable = false)
  public OffsetDateTime updatedAt;
}
