package io.tollgate.project.mapping;

import io.tollgate.project.messaging.MemberEventData;
import io.tollgate.project.model.Project;
import io.tollgate.project.model.Stakeholder;
import io.tollgate.project.rest.StakeholderPatch;
import io.tollgate.project.rest.StakeholderView;
import io.tollgate.security.AccessRole;
import java.util.List;

public final class StakeholderMapper {

  private StakeholderMapper() {}

  public static StakeholderView toView(Stakeholder s) {
    return new StakeholderView(
        s.id,
        s.projectId,
        s.userId,
        s.name,
        s.email,
        s.role,
        s.influence,
        s.interest,
        StakeholderView.Quadrant.of(s.influence, s.interest),
        s.accessRole,
        s.createdAt,
        s.updatedAt,
        s.version);
  }

  public static StakeholderPatch toPatchable(Stakeholder s) {
    return new StakeholderPatch(s.name, s.email, s.role, s.influence, s.interest, s.accessRole);
  }

  public static MemberEventData toEvent(
      Project p, Stakeholder s, AccessRole previousAccessRole, long sequence) {
    return toEvent(p, s, previousAccessRole, sequence, null);
  }

  /** A member event; {@code changedFields} names what a member-changed set, else null. */
  public static MemberEventData toEvent(
      Project p,
      Stakeholder s,
      AccessRole previousAccessRole,
      long sequence,
      List<String> changedFields) {
    return new MemberEventData(
        ProjectMapper.toEvent(p, null),
        s.id,
        s.userId,
        s.name,
        s.email,
        s.role.name(),
        s.accessRole.name(),
        previousAccessRole == null ? null : previousAccessRole.name(),
        sequence,
        s.influence,
        s.interest,
        changedFields);
  }
}
