package io.tollgate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders a kustomization as {@code kubectl kustomize} does, for the features deploy/ uses:
 * resources (files and folders), patches (strategic merge by kind and name, or JSON 6902 and
 * strategic merge on a target), images and namespace. CI has no kubectl; {@code
 * KubectlKustomizeTest} compares this with kubectl's output wherever kubectl is installed.
 */
final class Kustomize {

  /** What a kustomization.yaml says. */
  record Kustomization(
      Path dir,
      List<String> resources,
      List<String> components,
      List<PatchEntry> patches,
      String namespace,
      List<Image> images) {

    static Kustomization read(Path dir) {
      Path file = dir.resolve("kustomization.yaml");
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(dir + " has no kustomization.yaml");
      }
      JsonNode k = Yaml.single(file);
      for (Iterator<String> names = k.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!SUPPORTED.contains(name)) {
          throw new IllegalArgumentException(
              file + " uses '" + name + "', which this renderer does not know: teach it first");
        }
      }
      List<PatchEntry> patches = new ArrayList<>();
      for (JsonNode patch : k.path("patches")) {
        JsonNode target = patch.path("target");
        patches.add(
            new PatchEntry(
                dir.resolve(patch.path("path").asText()).normalize(),
                target.isMissingNode()
                    ? null
                    : new Target(Yaml.text(target, "kind"), Yaml.text(target, "name"))));
      }
      List<Image> images = new ArrayList<>();
      for (JsonNode image : k.path("images")) {
        images.add(
            new Image(
                Yaml.text(image, "name"), Yaml.text(image, "newName"), Yaml.text(image, "newTag")));
      }
      return new Kustomization(
          dir,
          texts(k.path("resources")),
          texts(k.path("components")),
          patches,
          Yaml.text(k, "namespace"),
          images);
    }

    private static final Set<String> SUPPORTED =
        Set.of("apiVersion", "kind", "resources", "components", "patches", "namespace", "images");

    private static List<String> texts(JsonNode array) {
      List<String> texts = new ArrayList<>();
      array.forEach(entry -> texts.add(entry.asText()));
      return texts;
    }
  }

  record PatchEntry(Path path, Target target) {}

  /** A patch's target: a kind, and a name (a regular expression) when given. */
  record Target(String kind, String name) {
    boolean matches(ObjectNode object) {
      return (kind == null || kind.equals(object.path("kind").asText()))
          && (name == null || Pattern.matches(name, Resources.name(object)));
    }
  }

  record Image(String name, String newName, String newTag) {}

  /** Kinds without a namespace among those a deployment might hold. */
  private static final Set<String> CLUSTER_SCOPED =
      Set.of(
          "Namespace",
          "ClusterRole",
          "ClusterRoleBinding",
          "CustomResourceDefinition",
          "PersistentVolume",
          "StorageClass",
          "PriorityClass",
          "IngressClass",
          "ValidatingWebhookConfiguration",
          "MutatingWebhookConfiguration");

  /** API groups whose kinds take strategic merge patches; others (custom resources) JSON merge. */
  private static final Pattern BUILT_IN =
      Pattern.compile("v1|(apps|policy|batch|autoscaling|networking\\.k8s\\.io)/v\\d+");

  /** List fields that a strategic merge merges by a key; every other list is replaced. */
  private static final Map<String, String> MERGE_KEYS =
      Map.of(
          "containers", "name",
          "initContainers", "name",
          "volumes", "name",
          "env", "name",
          "imagePullSecrets", "name",
          "volumeMounts", "mountPath",
          "topologySpreadConstraints", "topologyKey");

  private Kustomize() {}

  /** The objects {@code kubectl kustomize dir} prints, in no particular order. */
  static List<ObjectNode> render(Path dir) {
    Kustomization k = Kustomization.read(dir);
    if (!k.components().isEmpty()) {
      throw new IllegalArgumentException(dir + ": components are not rendered here yet");
    }
    List<ObjectNode> objects = resources(k);
    for (PatchEntry patch : k.patches()) {
      apply(objects, patch);
    }
    for (Image image : k.images()) {
      objects.forEach(object -> setImages(object, image));
    }
    if (k.namespace() != null) {
      for (ObjectNode object : objects) {
        if (!CLUSTER_SCOPED.contains(object.path("kind").asText())) {
          ((ObjectNode) object.get("metadata")).put("namespace", k.namespace());
        }
      }
    }
    Set<String> ids = new HashSet<>();
    for (ObjectNode object : objects) {
      if (!ids.add(Resources.id(object))) {
        throw new IllegalStateException(dir + " renders " + Resources.id(object) + " twice");
      }
    }
    return objects;
  }

  /** The objects of a kustomization's resources, before its own patches. */
  static List<ObjectNode> resources(Kustomization k) {
    List<ObjectNode> objects = new ArrayList<>();
    for (String resource : k.resources()) {
      Path path = k.dir().resolve(resource).normalize();
      if (Files.isDirectory(path)) {
        objects.addAll(render(path));
      } else {
        Yaml.objects(path).forEach(object -> objects.add(object.deepCopy()));
      }
    }
    return objects;
  }

  /** The objects a patch applies to. */
  static List<ObjectNode> targets(List<ObjectNode> objects, PatchEntry patch) {
    if (patch.target() != null) {
      return objects.stream().filter(patch.target()::matches).toList();
    }
    JsonNode document = Yaml.single(patch.path());
    return objects.stream()
        .filter(o -> o.path("kind").equals(document.path("kind")))
        .filter(o -> Resources.name(o).equals(Yaml.text(document, "metadata", "name")))
        .toList();
  }

  private static void apply(List<ObjectNode> objects, PatchEntry patch) {
    JsonNode document = Yaml.single(patch.path());
    List<ObjectNode> targets = targets(objects, patch);
    if (targets.isEmpty()) {
      throw new IllegalStateException(patch.path() + " patches nothing");
    }
    if (document.isArray()) {
      if (patch.target() == null) {
        throw new IllegalArgumentException(patch.path() + ": a JSON 6902 patch needs a target");
      }
      targets.forEach(target -> jsonPatch(target, (ArrayNode) document, patch.path()));
    } else {
      for (ObjectNode target : targets) {
        String name = Resources.name(target);
        merge(
            target,
            (ObjectNode) document,
            BUILT_IN.matcher(target.path("apiVersion").asText()).matches());
        ((ObjectNode) target.get("metadata")).put("name", name);
      }
    }
  }

  /** A strategic merge (built-in kinds) or a JSON merge patch (RFC 7386, custom resources). */
  private static void merge(ObjectNode base, ObjectNode patch, boolean strategic) {
    for (Map.Entry<String, JsonNode> field : patch.properties()) {
      JsonNode value = field.getValue();
      JsonNode current = base.get(field.getKey());
      String key = MERGE_KEYS.get(field.getKey());
      if (value.isNull()) {
        base.remove(field.getKey());
      } else if (value.isObject() && current instanceof ObjectNode object) {
        merge(object, (ObjectNode) value, strategic);
      } else if (strategic && key != null && value.isArray() && current instanceof ArrayNode list) {
        for (JsonNode element : value) {
          ObjectNode same = null;
          for (JsonNode existing : list) {
            if (existing.path(key).equals(element.path(key))) {
              same = (ObjectNode) existing;
            }
          }
          if (same == null) {
            list.add(element.deepCopy());
          } else {
            merge(same, (ObjectNode) element, true);
          }
        }
      } else {
        base.set(field.getKey(), value.deepCopy());
      }
    }
  }

  private static void jsonPatch(ObjectNode target, ArrayNode operations, Path file) {
    for (JsonNode operation : operations) {
      String op = operation.path("op").asText();
      String[] path = operation.path("path").asText().substring(1).split("/", -1);
      JsonNode parent = target;
      for (int i = 0; i < path.length - 1; i++) {
        parent = child(parent, unescape(path[i]));
        if (parent == null) {
          throw new IllegalStateException(file + ": " + operation + " finds no " + path[i]);
        }
      }
      String last = unescape(path[path.length - 1]);
      JsonNode value = operation.get("value");
      switch (op) {
        case "add", "replace" -> {
          if (op.equals("replace") && child(parent, last) == null) {
            throw new IllegalStateException(file + ": " + operation + " replaces nothing");
          }
          if (parent instanceof ObjectNode object) {
            object.set(last, value.deepCopy());
          } else if (last.equals("-")) {
            ((ArrayNode) parent).add(value.deepCopy());
          } else if (op.equals("add")) {
            ((ArrayNode) parent).insert(Integer.parseInt(last), value.deepCopy());
          } else {
            ((ArrayNode) parent).set(Integer.parseInt(last), value.deepCopy());
          }
        }
        case "remove" -> {
          if (parent instanceof ObjectNode object) {
            Objects.requireNonNull(object.remove(last), () -> file + ": nothing to remove");
          } else {
            ((ArrayNode) parent).remove(Integer.parseInt(last));
          }
        }
        default -> throw new IllegalArgumentException(file + ": operation " + op + " not known");
      }
    }
  }

  private static JsonNode child(JsonNode parent, String name) {
    return parent.isArray() ? parent.get(Integer.parseInt(name)) : parent.get(name);
  }

  private static String unescape(String token) {
    return token.replace("~1", "/").replace("~0", "~");
  }

  /** Kustomize's image transformer: every container image of that name gets the new tag. */
  private static void setImages(JsonNode node, Image image) {
    if (node instanceof ObjectNode object) {
      for (String field : List.of("containers", "initContainers")) {
        for (JsonNode container : object.path(field)) {
          String current = container.path("image").asText();
          if (imageName(current).equals(image.name())) {
            String name = image.newName() == null ? image.name() : image.newName();
            String tag = image.newTag() == null ? "" : ":" + image.newTag();
            ((ObjectNode) container).put("image", name + tag);
          }
        }
      }
    }
    node.forEach(child -> setImages(child, image));
  }

  /** An image reference without its tag or digest. */
  static String imageName(String image) {
    String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int colon = name.lastIndexOf(':');
    return colon > name.lastIndexOf('/') ? name.substring(0, colon) : name;
  }
}
