package io.tollgate.security;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Priorities;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses every request whose token has a limiting claim ({@code scope}, {@code projects}) that
 * cannot be read, whatever the path and method: such a token is not served as if it were unlimited
 * anywhere, nor only where a check happens to read the claim ({@link CredentialLimits}). Runs
 * before the checks that read the claims, so the answer is the 401 that says which claim it is.
 */
public class ReadableLimits {

  private final Instance<Caller> caller;

  ReadableLimits(Instance<Caller> caller) {
    this.caller = caller;
  }

  @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
  public void refuseUnreadable() {
    caller.get().limits();
  }
}
