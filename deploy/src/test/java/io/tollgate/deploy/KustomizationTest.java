package io.tollgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The kustomizations hold together: what they name exists, and what they patch is there. */
class KustomizationTest {

  static final List<String> OVERLAYS = Platform.OVERLAYS;

  @Test
  void everyResourcePatchAndComponentExists() throws IOException {
    for (Path dir : kustomizations()) {
      Kustomize.Kustomization k = Kustomize.Kustomization.read(dir);
      for (String resource : k.resources()) {
        Path path = dir.resolve(resource).normalize();
        assertTrue(
            Files.isRegularFile(path) || Files.isRegularFile(path.resolve("kustomization.yaml")),
            relative(dir) + " names the resource " + resource + ", which is not there");
      }
      for (String component : k.components()) {
        assertTrue(
            Files.isRegularFile(dir.resolve(component).resolve("kustomization.yaml")),
            relative(dir) + " names the component " + component + ", which is not there");
      }
      for (Kustomize.PatchEntry patch : k.patches()) {
        assertTrue(
            Files.isRegularFile(patch.path()),
            relative(dir) + " names the patch " + patch.path() + ", which is not there");
      }
    }
  }

  /**
   * A patch whose object was renamed or dropped would otherwise fail only at apply time, or never.
   */
  @Test
  void everyPatchTargetsAnObjectItsBaseDefines() throws IOException {
    for (Path dir : kustomizations()) {
      Kustomize.Kustomization k = Kustomize.Kustomization.read(dir);
      List<ObjectNode> base = Kustomize.resources(k);
      for (Kustomize.PatchEntry patch : k.patches()) {
        JsonNode document = Yaml.single(patch.path());
        String what =
            patch.target() != null
                ? "kind "
                    + patch.target().kind()
                    + (patch.target().name() == null ? "" : ", name " + patch.target().name())
                : Yaml.text(document, "kind") + " " + Yaml.text(document, "metadata", "name");
        assertFalse(
            Kustomize.targets(base, patch).isEmpty(),
            relative(patch.path())
                + " patches "
                + what
                + ", which "
                + relative(dir)
                + "'s resources do not define");
        if (patch.target() != null && document.isObject()) {
          assertEquals(
              patch.target().kind(),
              Yaml.text(document, "kind"),
              relative(patch.path()) + ": the patch's kind and its target's");
        }
      }
    }
  }

  /** A manifest no kustomization names is never deployed: most likely a forgotten entry. */
  @Test
  void everyManifestIsPartOfAKustomization() throws IOException {
    Set<Path> named = new HashSet<>();
    for (Path dir : kustomizations()) {
      named.add(dir.resolve("kustomization.yaml"));
      Kustomize.Kustomization k = Kustomize.Kustomization.read(dir);
      k.resources().forEach(r -> named.add(dir.resolve(r).normalize()));
      k.patches().forEach(p -> named.add(p.path()));
    }
    List<Path> orphans = new ArrayList<>();
    for (String folder : List.of("base", "overlays")) {
      try (Stream<Path> files = Files.walk(Platform.DEPLOY.resolve(folder))) {
        files
            .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
            .filter(f -> !named.contains(f.normalize()))
            .forEach(orphans::add);
      }
    }
    assertEquals(List.of(), orphans, "manifests that no kustomization names");
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyObjectIsInTheTollgateNamespace(String overlay) {
    for (ObjectNode object : Rendered.overlay(overlay).objects) {
      if (Resources.kind(object).equals("Namespace")) {
        assertEquals("tollgate", Resources.name(object), overlay + ": the namespace it creates");
      } else {
        assertEquals(
            "tollgate",
            Yaml.text(object, "metadata", "namespace"),
            overlay + ": " + Resources.id(object));
      }
    }
  }

  /** Secrets are created by the operators and by whoever installs the platform, never committed. */
  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void noSecretIsCommitted(String overlay) {
    assertEquals(
        List.of(), Rendered.overlay(overlay).all("Secret").stream().map(Resources::id).toList());
  }

  private static List<Path> kustomizations() throws IOException {
    try (Stream<Path> files = Files.walk(Platform.DEPLOY)) {
      List<Path> dirs =
          files
              .filter(f -> f.getFileName().toString().equals("kustomization.yaml"))
              .filter(f -> !f.startsWith(Platform.DEPLOY.resolve("target")))
              .map(Path::getParent)
              .sorted()
              .toList();
      if (dirs.isEmpty()) {
        fail("no kustomization under " + Platform.DEPLOY);
      }
      return dirs;
    }
  }

  static String relative(Path path) {
    return Platform.ROOT.relativize(path).toString();
  }
}
