package io.tollgate.project.rest;

import io.tollgate.project.model.StakeholderRole;
import io.tollgate.security.AccessRole;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "Stakeholder",
    description = "A person with a stake in the project, where they sit on the grid, their access",
    example =
        "{\"id\":\"5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e\",\"projectId\":"
            + "\"3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\",\"userId\":\"bob\",\"name\":\"Bob Baker\","
            + "\"email\":\"bob@example.com\",\"role\":\"SPONSOR\",\"influence\":5,\"interest\":3,"
            + "\"quadrant\":\"KEEP_SATISFIED\",\"accessRole\":\"VIEWER\",\"createdAt\":"
            + "\"2026-01-05T09:00:00Z\",\"updatedAt\":\"2026-01-05T09:00:00Z\",\"version\":0}")
public record StakeholderView(
    @Schema(readOnly = true) UUID id,
    @Schema(readOnly = true) UUID projectId,
    String userId,
    String name,
    @Schema(nullable = true, description = "null when none was given") String email,
    StakeholderRole role,
    int influence,
    int interest,
    @Schema(
            readOnly = true,
            description =
                "Stakeholder grid (influence x interest; 4-5 is high): MANAGE_CLOSELY (high, high),"
                    + " KEEP_SATISFIED (high influence), KEEP_INFORMED (high interest), MONITOR")
        Quadrant quadrant,
    AccessRole accessRole,
    @Schema(readOnly = true) OffsetDateTime createdAt,
    @Schema(readOnly = true) OffsetDateTime updatedAt,
    @Schema(readOnly = true, description = "Optimistic-locking version; also the ETag")
        long version) {

  /** Where a stakeholder sits on the influence/interest grid. */
  public enum Quadrant {
    MANAGE_CLOSELY,
    KEEP_SATISFIED,
    KEEP_INFORMED,
    MONITOR;

    /** 4 and 5 count as high on the 1-5 scales. */
    public static Quadrant of(int influence, int interest) {
      boolean power = influence >= 4;
      boolean concern = interest >= 4;
      if (power && concern) return MANAGE_CLOSELY;
      if (power) return KEEP_SATISFIED;
      if (concern) return KEEP_INFORMED;
      return MONITOR;
    }
  }
}
