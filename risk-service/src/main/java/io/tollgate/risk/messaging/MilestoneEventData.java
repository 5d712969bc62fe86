package io.tollgate.risk.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The part of milestone-service's {@code tollgate.milestone.*.v1} data that the automatic SCHEDULE
 * risks read (contract: milestone-service's {@code asyncapi/schemas/milestone-event.v1.json}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MilestoneEventData(
    UUID milestoneId,
    UUID projectId,
    String name,
    String kind,
    String status,
    LocalDate plannedDate,
    Integer bufferDays,
    LocalDate forecastDate,
    String zone,
    Long version) {}
