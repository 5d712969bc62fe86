package io.tollgate.security.app;

import io.tollgate.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.UUID;

/**
 * Endpoints of a service in miniature: some outside any project (one for administrators only), one
 * under a project.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class SampleResource {

  private final Caller caller;

  SampleResource(Caller caller) {
    this.caller = caller;
  }

  @GET
  @Path("/things")
  public Map<String, Object> list() {
    return Map.of(
        "readOnly", caller.readOnly(),
        "projectLimit", caller.projectLimit().map(Object::toString).orElse("none"));
  }

  @POST
  @Path("/things")
  public Map<String, Object> create() {
    return Map.of("created", true);
  }

  /** For administrators only: anyone else is refused with a 403. */
  @DELETE
  @Path("/things")
  @RolesAllowed("ADMIN")
  public Map<String, Object> clear() {
    return Map.of("cleared", true);
  }

  @GET
  @Path("/projects/{id}")
  public Map<String, Object> project(@PathParam("id") UUID id) {
    return Map.of("id", id.toString());
  }
}
