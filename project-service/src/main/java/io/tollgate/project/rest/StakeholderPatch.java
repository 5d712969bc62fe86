package io.tollgate.project.rest;

import io.tollgate.project.model.StakeholderRole;
import io.tollgate.rest.Lengths;
import io.tollgate.security.AccessRole;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The fields of a stakeholder a client may change; the user id is their identity and stays. */
@Schema(
    name = "StakeholderPatch",
    description = "JSON merge patch (RFC 7386) of a stakeholder's writable fields",
    example = "{\"accessRole\":\"EDITOR\",\"interest\":5}")
public record StakeholderPatch(
    @NotBlank @Size(max = 200, message = Lengths.REQUIRED) String name,
    @Schema(
            nullable = true,
            format = "email",
            description = "An e-mail address, or null to remove it; not an empty string")
        @Email(regexp = ".+")
        @Size(max = 320, message = Lengths.AT_MOST)
        String email,
    @NotNull StakeholderRole role,
    @NotNull @Min(1) @Max(5) Integer influence,
    @NotNull @Min(1) @Max(5) Integer interest,
    @NotNull AccessRole accessRole) {

  /** As stored: the name without surrounding spaces, so that adding some changes nothing. */
  public StakeholderPatch normalized() {
    return new StakeholderPatch(
        name == null ? null : name.strip(), email, role, influence, interest, accessRole);
  }
}
