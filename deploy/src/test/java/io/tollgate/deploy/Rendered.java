package io.tollgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** What an overlay deploys: its kustomization rendered. */
final class Rendered {

  private static final Map<String, Rendered> OVERLAYS = new ConcurrentHashMap<>();

  final String overlay;
  final List<ObjectNode> objects;

  private Rendered(String overlay, List<ObjectNode> objects) {
    this.overlay = overlay;
    this.objects = objects;
  }

  static Rendered overlay(String name) {
    return OVERLAYS.computeIfAbsent(
        name,
        n -> new Rendered(n, Kustomize.render(Platform.DEPLOY.resolve("overlays").resolve(n))));
  }

  List<ObjectNode> all(String kind) {
    return objects.stream().filter(o -> Resources.kind(o).equals(kind)).toList();
  }

  Optional<ObjectNode> find(String kind, String name) {
    return all(kind).stream().filter(o -> Resources.name(o).equals(name)).findFirst();
  }

  ObjectNode get(String kind, String name) {
    return find(kind, name)
        .orElseThrow(() -> new AssertionError(overlay + " deploys no " + kind + " " + name));
  }

  <T> T typed(String kind, String name, Class<T> type) {
    return typed(get(kind, name), type);
  }

  <T> List<T> typedAll(String kind, Class<T> type) {
    return all(kind).stream().map(o -> typed(o, type)).toList();
  }

  static <T> T typed(ObjectNode object, Class<T> type) {
    try {
      return Yaml.MAPPER.treeToValue(object, type);
    } catch (JsonProcessingException e) {
      throw new AssertionError(
          "cannot read " + Resources.id(object) + " as " + type.getSimpleName(), e);
    }
  }

  Deployment deployment(String app) {
    return typed("Deployment", app, Deployment.class);
  }

  /** The app's own container in its Deployment: the one named after it, and the only one. */
  Container container(String app) {
    List<Container> containers = deployment(app).getSpec().getTemplate().getSpec().getContainers();
    assertEquals(1, containers.size(), overlay + ": " + app + "'s pod runs one container");
    assertEquals(app, containers.get(0).getName(), overlay + ": " + app + "'s container name");
    return containers.get(0);
  }

  /** The labels of the namespace the overlay deploys into, as the API server sets them. */
  Map<String, String> namespaceLabels() {
    String namespace =
        objects.stream()
            .map(o -> o.path("metadata").path("namespace").asText(""))
            .filter(n -> !n.isEmpty())
            .findFirst()
            .orElseThrow();
    Map<String, String> labels = new TreeMap<>();
    find("Namespace", namespace)
        .ifPresent(
            ns ->
                ns.path("metadata")
                    .path("labels")
                    .properties()
                    .forEach(e -> labels.put(e.getKey(), e.getValue().asText())));
    labels.put("kubernetes.io/metadata.name", namespace);
    return labels;
  }

  @Override
  public String toString() {
    return overlay;
  }
}
