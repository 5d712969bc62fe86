package io.tollgate.project.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The {@code data} of every {@code tollgate.project.*.v1} event: the project as it is after the
 * change. Its JSON Schema is {@code asyncapi/schemas/project.v1.json}; changes within v1 are
 * additive only.
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
    boolean archived,
    long version,
    List<String> changedFields) {}
