package io.tollgate.rest;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import java.lang.reflect.Method;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a body sent without a {@code Content-Type} to an operation that reads one, with the same
 * 415 as a body of another media type: Quarkus REST matched it to the operation and read it as
 * JSON, a guess (RFC 9110 8.3 lets a recipient take it for {@code application/octet-stream}, which
 * no operation here reads). An empty body without one is left to the operation, which says that it
 * needs a body.
 */
public class ContentTypeRequired {

  @ServerRequestFilter
  public void check(ContainerRequestContext request, ResourceInfo resource, RoutingContext http) {
    Method method = resource.getResourceMethod();
    String type = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
    if (method == null
        || (type != null && !type.isBlank())
        || (!method.isAnnotationPresent(Consumes.class)
            && !resource.getResourceClass().isAnnotationPresent(Consumes.class))) {
      return;
    }
    if (http.body() != null && http.body().length() > 0) {
      throw new NotSupportedException();
    }
  }
}
