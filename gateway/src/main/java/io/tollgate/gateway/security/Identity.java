package io.tollgate.gateway.security;

import java.util.Set;

/**
 * Who a request comes from, as the gateway established it.
 *
 * @param subject the user id ({@code sub} of the token, or the owner of the API key)
 * @param groups platform roles (ADMIN, PMO, MEMBER) from the {@code groups} claim
 * @param apiKeyId the API key the request was made with, or null for a bearer token
 * @param scope READ_ONLY or READ_WRITE when the credential is limited, else null
 * @param projects the project ids the credential is limited to, or null for no restriction
 * @param expiresAtMillis when the credential stops being valid (epoch millis)
 */
public record Identity(
    String subject,
    Set<String> groups,
    String apiKeyId,
    AccessScope scope,
    Set<String> projects,
    long expiresAtMillis) {

  public Identity {
    groups = Set.copyOf(groups);
    projects = projects == null ? null : Set.copyOf(projects);
  }

  public boolean isAdmin() {
    return groups.contains("ADMIN");
  }

  /** The rate-limit bucket of this caller: one per API key, else one per user. */
  public String rateLimitKey() {
    return apiKeyId != null ? "key:" + apiKeyId : "sub:" + subject;
  }

  /** What a credential may do. */
  public enum AccessScope {
    /** GET and HEAD only. */
    READ_ONLY,
    /** Every method. */
    READ_WRITE;

    /** The scope of this exact name (an API key's, as stored and as asked for), or null. */
    public static AccessScope named(String name) {
      for (AccessScope scope : values()) {
        if (scope.name().equals(name)) {
          return scope;
        }
      }
      return null;
    }
  }
}
