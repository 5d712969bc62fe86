package io.tollgate.milestone.rest;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "Dependency",
    description =
        "A finish-to-start dependency: the successor cannot finish before the predecessor has,"
            + " plus the lag",
    example =
        "{\"predecessorId\":\"6a1d3c2b-9e8f-4a7b-8c6d-5e4f3a2b1c0d\",\"successorId\":"
            + "\"0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e\",\"lagDays\":5}")
public record DependencyView(UUID predecessorId, UUID successorId, int lagDays) {}
