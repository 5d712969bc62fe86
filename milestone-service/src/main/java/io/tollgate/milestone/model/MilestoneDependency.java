package io.tollgate.milestone.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** A finish-to-start dependency: the successor cannot finish before the predecessor plus a lag. */
@Entity
@Table(name = "milestone_dependency")
@IdClass(MilestoneDependency.Key.class)
public class MilestoneDependency {

  @Id
  @Column(name = "predecessor_id")
  public UUID predecessorId;

  @Id
  @Column(name = "successor_id")
  public UUID successorId;

  @Column(name = "project_id", nullable = false)
  public UUID projectId;

  /** Days between the predecessor's finish and the successor's earliest finish (may be 0). */
  @Column(name = "lag_days", nullable = false)
  public int lagDays;

  /** The composite key. */
  public static class Key implements Serializable {
    public UUID predecessorId;
    public UUID successorId;

    public Key() {}

    public Key(UUID predecessorId, UUID successorId) {
      this.predecessorId = predecessorId;
      this.successorId = successorId;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(predecessorId, k.predecessorId)
          && Objects.equals(successorId, k.successorId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(predecessorId, successorId);
    }
  }
}
