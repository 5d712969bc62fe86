package io.tollgate.bench.bare;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** The whole app: one JSON endpoint, the floor that a Quarkus REST service starts from. */
@Path("/hello")
@Produces(MediaType.APPLICATION_JSON)
public class HelloResource {

  @GET
  public Map<String, String> hello() {
    return Map.of("hello", "world");
  }

  @GET
  @Path("/{name}")
  public Map<String, String> hello(@PathParam("name") String name) {
    return Map.of("hello", name);
  }
}
