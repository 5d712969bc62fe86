package io.tollgate.security;

import io.tollgate.rest.ProblemException;
import io.tollgate.rest.ProblemType;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a change by a caller whose user id is too long to be recorded: every change is recorded
 * under its author's id (history, created-by, memberships), in columns of {@link
 * Caller#MAX_USER_ID_LENGTH} characters. Without this check such a caller's first write failed in
 * the database with a 400 about a value they never sent. Reads stay open (a platform PMO reads
 * without being recorded).
 */
public class RecordableCallers {

  private final Instance<Caller> caller;

  RecordableCallers(Instance<Caller> caller) {
    this.caller = caller;
  }

  @ServerRequestFilter
  public void refuseUnrecordable(ContainerRequestContext request) {
    if (ProjectScopeFilter.READS.contains(request.getMethod())) {
      return;
    }
    String userId = caller.get().userId();
    if (userId.length() > Caller.MAX_USER_ID_LENGTH) {
      throw new ProblemException(
          ProblemType.FORBIDDEN,
          "changes are recorded under the caller's user id, which may have at most "
              + Caller.MAX_USER_ID_LENGTH
              + " characters; this token's has "
              + userId.length());
    }
  }
}
