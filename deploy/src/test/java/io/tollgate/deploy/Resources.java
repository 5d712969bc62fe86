package io.tollgate.deploy;

import com.fasterxml.jackson.databind.JsonNode;

/** Names of Kubernetes objects given as JSON trees. */
final class Resources {

  private Resources() {}

  static String kind(JsonNode object) {
    return object.path("kind").asText();
  }

  static String name(JsonNode object) {
    return object.path("metadata").path("name").asText();
  }

  /** Kind, namespace and name: what kustomize and the API server tell objects apart by. */
  static String id(JsonNode object) {
    return kind(object)
        + "/"
        + object.path("metadata").path("namespace").asText("")
        + "/"
        + name(object);
  }
}
