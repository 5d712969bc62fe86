package io.tollgate.directory;

import io.tollgate.security.AccessRole;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One person's access to one project, as project-service announced it. A removed member's row
 * stays, without an access role, so that an older event delivered late cannot give the access back.
 */
@Entity
@Table(name = "project_member")
public class ProjectMember {

  @EmbeddedId public Id id;

  /** The access the person has; null once they were removed. */
  @Enumerated(EnumType.STRING)
  @Column(name = "access_role")
  public AccessRole accessRole;

  /**
   * The {@code sequence} of the last membership event applied to this row (project-service's
   * history sequence); an event with a sequence not above it is older and changes nothing.
   */
  @Column(name = "last_sequence", nullable = false)
  public long lastSequence;

  @Column(name = "updated_at", nullable = false)
  public OffsetDateTime updatedAt;

  @Embeddable
  public record Id(
      @Column(name = "project_id") UUID projectId, @Column(name = "user_id") String userId)
      implements Serializable {}
}
