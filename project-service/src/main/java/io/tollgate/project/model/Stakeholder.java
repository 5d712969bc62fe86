package io.tollgate.project.model;

import io.tollgate.security.AccessRole;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A person with a stake in a project, and their access to it. */
@Entity
@Table(name = "stakeholder")
public class Stakeholder {

  @Id public UUID id;

  @Column(name = "project_id", nullable = false)
  public UUID projectId;

  /** The user id their tokens carry. */
  @Column(name = "user_id", nullable = false)
  public String userId;

  @Column(nullable = false)
  public String name;

  public String email;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public StakeholderRole role;

  /** 1-5: how much they can affect the project. */
  @Column(nullable = false)
  public int influence;

  /** 1-5: how much the project affects them. */
  @Column(nullable = false)
  public int interest;

  @Enumerated(EnumType.STRING)
  @Column(name = "access_role", nullable = false)
  public AccessRole accessRole;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  public OffsetDateTime updatedAt;

  @Version
  @Column(nullable = false)
  public long version;
}
