package io.tollgate.project.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tollgate.project.rest.Money;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The project snapshot every {@code tollgate.project.*.v1} event carries: the project as it is
 * after the change. Its JSON Schema is {@code asyncapi/schemas/project-event.v1.json}; changes
 * within v1 are additive only. Events with more to say (phase changes, memberships, health) carry
 * this snapshot and their own fields beside it, so that readers of any project event can keep their
 * read model of projects.
 *
 * @param changedFields for {@code updated} events, the names of the fields that changed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProjectEventData(
    UUID projectId,
    String key,
    String name,
    String description,
    String methodology,
    String phase,
    LocalDate startDate,
    LocalDate targetDate,
    Money budget,
    boolean archived,
    long version,
    List<String> changedFields) {}
