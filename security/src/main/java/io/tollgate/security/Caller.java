package io.tollgate.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.EnumSet;
import java.util.Set;

/** Who is calling: the user id from the verified token and their platform roles. */
@RequestScoped
public class Caller {

  private final SecurityIdentity identity;

  Caller(SecurityIdentity identity) {
    this.identity = identity;
  }

  /** The user id ({@code upn}, else {@code preferred_username}, else {@code sub}). */
  public String userId() {
    return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
  }

  public boolean isAuthenticated() {
    return !identity.isAnonymous();
  }

  public Set<PlatformRole> roles() {
    Set<PlatformRole> roles = EnumSet.noneOf(PlatformRole.class);
    for (PlatformRole role : PlatformRole.values()) {
      if (identity.hasRole(role.name())) {
        roles.add(role);
      }
    }
    return roles;
  }

  public boolean isAdmin() {
    return identity.hasRole(PlatformRole.ADMIN.name());
  }

  /** ADMIN and PMO read every project without being a member. */
  public boolean readsAllProjects() {
    return isAdmin() || identity.hasRole(PlatformRole.PMO.name());
  }
}
