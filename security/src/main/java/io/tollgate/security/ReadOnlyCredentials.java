package io.tollgate.security;

import io.tollgate.rest.ProblemException;
import io.tollgate.rest.ProblemType;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses every change made with read-only credentials (an integrator's read-only API key, whose
 * token carries {@code scope=READ_ONLY}), on any path: the project-scoped check only covers paths
 * under a project, and a service is not only reached through the gateway (ADR 0005), so creating a
 * project with such a token is refused here too.
 */
public class ReadOnlyCredentials {

  private final Instance<Caller> caller;

  ReadOnlyCredentials(Instance<Caller> caller) {
    this.caller = caller;
  }

  @ServerRequestFilter
  public void refuseChanges(ContainerRequestContext request) {
    if (!ProjectScopeFilter.READS.contains(request.getMethod()) && caller.get().readOnly()) {
      throw new ProblemException(
          ProblemType.FORBIDDEN, "this API key is read-only; it cannot " + request.getMethod());
    }
  }
}
