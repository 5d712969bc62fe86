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

@Schema(
    name = "StakeholderCreate",
    description = "A person to add to the project, with their standing and their access",
    example =
        "{\"userId\":\"bob\",\"name\":\"Bob Baker\",\"email\":\"bob@example.com\",\"role\":"
            + "\"SPONSOR\",\"influence\":5,\"interest\":3,\"accessRole\":\"VIEWER\"}")
public record StakeholderCreate(
    @Schema(description = "The user id in their tokens")
        @NotBlank
        @Size(max = 200, message = Lengths.REQUIRED)
        String userId,
    @NotBlank @Size(max = 200, message = Lengths.REQUIRED) String name,
    @Schema(
            format = "email",
            description = "An e-mail address; not an empty string (leave it out instead)")
        @Email(regexp = ".+")
        @Size(max = 320, message = Lengths.AT_MOST)
        String email,
    @NotNull StakeholderRole role,
    @Schema(description = "1-5: how much they can affect the project") @NotNull @Min(1) @Max(5)
        Integer influence,
    @Schema(description = "1-5: how much the project affects them") @NotNull @Min(1) @Max(5)
        Integer interest,
    @Schema(description = "OWNER (manages members), EDITOR (changes), VIEWER (reads)") @NotNull
        AccessRole accessRole) {}
