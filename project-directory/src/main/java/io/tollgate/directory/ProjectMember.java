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

/** One person's access to one project, as project-service announced it. */
@Entity
@Table(name = "project_member")
public class ProjectMember {

  @EmbeddedId public Id id;

  @Enumerated(EnumType.STRING)
  @Column(name = "access_role", nullable = false)
  public AccessRole accessRole;

  @Column(name = "updated_at", nullable = false)
  public OffsetDateTime updatedAt;

  @Embeddable
  public record Id(
      @Column(name = "project_id") UUID projectId, @Column(name = "user_id") String userId)
      implements Serializable {}
}
