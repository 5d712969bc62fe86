package io.tollgate.gateway.apikey;

import io.tollgate.gateway.security.Identity.AccessScope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An integrator's API key as stored: everything but the secret, of which only a hash exists.
 *
 * @param projectIds the projects the key is limited to, or null for no restriction
 * @param secretPrefix the first characters of the secret, to tell keys apart in a list
 * @param revokedAt when the key was revoked, or null while it is active
 */
public record ApiKey(
    UUID id,
    String name,
    AccessScope scope,
    List<String> projectIds,
    String ownerId,
    String secretPrefix,
    Instant createdAt,
    String createdBy,
    Instant revokedAt,
    String revokedBy) {

  public ApiKey {
    projectIds = projectIds == null ? null : List.copyOf(projectIds);
  }

  public boolean active() {
    return revokedAt == null;
  }

  /** The API representation, never with the secret. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("name", name)
        .put("scope", scope.name())
        .put("projectIds", projectIds == null ? null : new JsonArray(projectIds))
        .put("ownerId", ownerId)
        .put("prefix", secretPrefix)
        .put("active", active())
        .put("createdAt", createdAt.toString())
        .put("createdBy", createdBy)
        .put("revokedAt", revokedAt == null ? null : revokedAt.toString())
        .put("revokedBy", revokedBy);
  }
}
