package io.tollgate.milestone.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tollgate.milestone.model.MilestoneKind;
import io.tollgate.milestone.model.MilestoneStatus;
import io.tollgate.milestone.model.Zone;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The data of every milestone event (schemas/milestone-event.v1.json): the milestone after the
 * change; actualDate only once completed and plannedValue only when set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MilestoneEventData(
    UUID milestoneId,
    UUID projectId,
    String name,
    MilestoneKind kind,
    MilestoneStatus status,
    LocalDate plannedDate,
    int bufferDays,
    LocalDate forecastDate,
    LocalDate actualDate,
    Zone zone,
    String plannedValue,
    long version) {}
