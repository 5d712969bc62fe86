package io.tollgate.milestone.rest;

import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "Predecessors",
    description = "The milestones a milestone depends on, each with its lag, by predecessor id",
    example =
        "{\"milestoneId\":\"0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e\",\"predecessors\":"
            + "[{\"predecessorId\":\"6a1d3c2b-9e8f-4a7b-8c6d-5e4f3a2b1c0d\",\"successorId\":"
            + "\"0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e\",\"lagDays\":5}]}")
public record DependencyListView(UUID milestoneId, List<DependencyView> predecessors) {}
