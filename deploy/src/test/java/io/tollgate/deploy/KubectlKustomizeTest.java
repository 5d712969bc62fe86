package io.tollgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The other tests read the overlays as {@link Kustomize} renders them, since CI has no kubectl;
 * where kubectl is installed, this checks that kubectl renders exactly the same objects.
 */
class KubectlKustomizeTest {

  static final List<String> OVERLAYS = Platform.OVERLAYS;

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void kubectlRendersWhatTheTestsCheck(String overlay) throws Exception {
    assumeTrue(kubectlInstalled(), "kubectl is not installed here");
    Path output = Files.createTempFile("kustomize-" + overlay, ".yaml");
    try {
      Process kubectl =
          new ProcessBuilder(
                  "kubectl",
                  "kustomize",
                  Platform.DEPLOY.resolve("overlays").resolve(overlay).toString())
              .redirectOutput(output.toFile())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      assertEquals(0, kubectl.waitFor(), "kubectl kustomize " + overlay);
      Map<String, JsonNode> expected = new TreeMap<>();
      for (ObjectNode object : Yaml.objects(output)) {
        expected.put(Resources.id(object), object);
      }
      Map<String, JsonNode> rendered = new TreeMap<>();
      for (ObjectNode object : Rendered.overlay(overlay).objects) {
        rendered.put(Resources.id(object), object);
      }
      assertEquals(expected.keySet(), rendered.keySet(), overlay + ": the objects");
      expected.forEach((id, object) -> assertEquals(object, rendered.get(id), overlay + ": " + id));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static boolean kubectlInstalled() {
    try {
      Process version =
          new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
      version.getInputStream().readAllBytes();
      return version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
