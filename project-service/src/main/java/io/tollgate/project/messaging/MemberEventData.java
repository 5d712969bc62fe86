package io.tollgate.project.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.UUID;

/**
 * The {@code data} of {@code tollgate.project.member-added|changed|removed.v1}: the project
 * snapshot and the member. Schema: {@code asyncapi/schemas/project-member-event.v1.json}.
 *
 * @param accessRole the access after the change; for a removal, the access the member had
 * @param previousAccessRole on changes and removals, the access before
 * @param sequence increases with every change to the project's history, so a reader can order a
 *     project's membership changes and drop stale ones
 * @param memberChangedFields on member-changed, which of the member's fields the change set (the
 *     project's own {@code changedFields} belong to project updates)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MemberEventData(
    @JsonUnwrapped ProjectEventData project,
    UUID stakeholderId,
    String userId,
    String memberName,
    String email,
    String stakeholderRole,
    String accessRole,
    String previousAccessRole,
    long sequence,
    int influence,
    int interest,
    List<String> memberChangedFields) {}
