package io.tollgate.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.security.Principal;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling: the user id from the verified token and their platform roles. */
@RequestScoped
public class Caller {

  /** The longest user id a change can be recorded under (the services' user id columns). */
  public static final int MAX_USER_ID_LENGTH = 200;

  private final SecurityIdentity identity;
  private CredentialLimits limits;

  Caller(SecurityIdentity identity) {
    this.identity = identity;
  }

  /** The user id ({@code upn}, else {@code preferred_username}, else {@code sub}). */
  public String userId() {
    return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
  }

  /**
   * The API key the call was made with (the gateway's {@code api_key_id} claim), empty for a user's
   * own token; the audit keeps it beside the user, who is the key's owner.
   */
  public Optional<UUID> apiKeyId() {
    Object id = claim("api_key_id");
    if (id == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(unquote(String.valueOf(id))));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // the gateway only mints ids; anything else names no key
    }
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

  /**
   * What the token's {@code scope} and {@code projects} claims allow, read once per request; an
   * {@link UnreadableClaimException} (401) when one of them is there but cannot be read.
   */
  public CredentialLimits limits() {
    if (limits == null) {
      limits =
          identity.getPrincipal() instanceof JsonWebToken jwt
              ? CredentialLimits.of(jwt)
              : CredentialLimits.NONE;
    }
    return limits;
  }

  /** True for read-only credentials: READ_ONLY in the token's {@code scope}. */
  public boolean readOnly() {
    return limits().readOnly();
  }

  /**
   * Whether the caller's credentials cover the project: API keys may be limited to a list of
   * projects (claim {@code projects}); user tokens are not limited here.
   */
  public boolean allowsProject(UUID projectId) {
    return limits().allows(projectId);
  }

  /**
   * The projects the caller's credentials are limited to (an API key's {@code projects} claim), as
   * ids; empty when they are not limited. A list shows only these, whatever else the key's owner
   * may see.
   */
  public Optional<Set<UUID>> projectLimit() {
    return limits().projects();
  }

  private Object claim(String name) {
    Principal principal = identity.getPrincipal();
    if (principal instanceof JsonWebToken jwt && jwt.containsClaim(name)) {
      Object value = jwt.getClaim(name);
      if (value instanceof jakarta.json.JsonString s) {
        return s.getString();
      }
      if (value instanceof jakarta.json.JsonArray array) {
        return array.stream().map(v -> unquote(v.toString())).toList();
      }
      return value;
    }
    return null;
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1)
        : s;
  }
}
