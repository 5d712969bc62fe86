package io.tollgate.project.rest;

import io.tollgate.project.mapping.LifecycleMapper;
import io.tollgate.project.service.LifecycleService;
import io.tollgate.rest.ContentTag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/projects/{id}/gates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Lifecycle", description = "Phase transitions through gates")
public class GateResource {

  private final LifecycleService lifecycle;

  GateResource(LifecycleService lifecycle) {
    this.lifecycle = lifecycle;
  }

  @GET
  @ContentTag
  @Operation(
      operationId = "checkGates",
      summary = "Check a project's gates",
      description =
          "Every gate rule of the project's methodology, checked now against the milestones and"
              + " risks project-service knows from milestone.events and risk.events, with the ids"
              + " that block each unmet criterion. nextPhasePasses says whether a move to the next"
              + " phase would pass.")
  @APIResponse(
      responseCode = "200",
      description = "The gate check",
      content = @Content(schema = @Schema(implementation = GateCheckView.class)))
  public GateCheckView check(@PathParam("id") UUID id) {
    return LifecycleMapper.toView(lifecycle.check(id));
  }
}
